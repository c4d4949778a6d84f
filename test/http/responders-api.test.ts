// Responders over the JSON API: a user on a mailbox granted manage_responder, an admin for the
// domain's templates; bad input is a 400 naming the field with nothing saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/sieve/index.js';
import { DIALECTS, type FreshStore } from '../helpers/store.js';
import { startApiFixture, type ApiFixture } from '../helpers/api.js';

const enc = encodeURIComponent;
const ALICE = enc('alice@example.test');

describe.each(DIALECTS)('responders API (%s)', (dialect) => {
  let api: ApiFixture;
  let t: FreshStore;
  let base: string;
  let adminToken: string;
  let userToken: string;
  const call = (method: string, path: string, token: string, body?: unknown) => api.call(method, path, token, body);

  beforeAll(async () => {
    api = await startApiFixture(dialect, { permissions: ['read', 'manage_responder'] });
    ({ t, base, adminToken, userToken } = api);
  });
  afterAll(() => api.close());

  it('a user saves, activates, resets and removes the responders of a granted mailbox, and only those', async () => {
    let r = await call('PUT', `/mailboxes/${ALICE}/time-zone`, userToken, { timeZone: 'Europe/Zurich' });
    expect(r.body).toEqual({ mailbox: 'alice@example.test', timeZone: 'Europe/Zurich' });
    r = await call('PUT', `/mailboxes/${ALICE}/responders/Holidays`, userToken, { text: 'Away.', start: '2026-07-01T09:00', end: '2026-07-15T18:00', weekdays: ['mon', 'fri'], exclude: ['@Partner.test'], activate: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'Holidays', active: true, settings: { start: '2026-07-01T09:00:00', weekdays: [1, 5], exclusions: ['@partner.test'], days: 7 } });
    r = await call('PUT', `/mailboxes/${ALICE}/responders/Weekend`, userToken, { text: 'Weekend.', weekdays: ['sat', 'sun'] });
    r = await call('PUT', `/mailboxes/${ALICE}/active-responder`, userToken, { name: 'Weekend' });
    expect(r.body).toEqual({ mailbox: 'alice@example.test', active: 'Weekend' });
    r = await call('GET', `/mailboxes/${ALICE}/responders`, userToken);
    expect(r.body.timeZone).toBe('Europe/Zurich');
    expect(r.body.responders.map((x: any) => [x.name, x.active])).toEqual([['Holidays', false], ['Weekend', true]]);

    r = await call('GET', `/mailboxes/${ALICE}/responders/Holidays/sieve`, userToken);
    expect(r.body.script).toContain('# Dates and days are in the mailbox\'s time zone, Europe/Zurich');
    expect(compile(r.body.script).errors).toBeUndefined();
    r = await call('POST', `/mailboxes/${ALICE}/responders/Holidays/reset`, userToken);
    expect(r.body).toEqual({ mailbox: 'alice@example.test', name: 'Holidays', reset: true });
    expect((await call('GET', `/mailboxes/${ALICE}/responders/Holidays/sieve`, userToken)).body.script).toContain(':handle "responder-');
    r = await call('PUT', `/mailboxes/${ALICE}/active-responder`, userToken, { name: null });
    expect(r.body.active).toBeNull();
    expect((await call('DELETE', `/mailboxes/${ALICE}/responders/Weekend`, userToken)).status).toBe(200);
    expect((await call('DELETE', `/mailboxes/${ALICE}/responders/Weekend`, userToken)).status).toBe(404);

    for (const path of [`/mailboxes/${enc('bob@example.test')}/responders`, `/mailboxes/${enc('nobody@example.test')}/responders`, '/domains/example.test/responder-templates']) {
      expect((await call('GET', path, userToken)).status, path).toBe(403);
    }
  });

  it('answers 400 naming the field for bad input, and saves nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ text: 'x', start: '2026-08-10T10:00', end: '2026-08-01' }, 'end'],
      [{ text: '   ' }, 'text'],
      [{ text: 'x', exclude: ['ok@x.test', 'bad entry'] }, 'exclude[1]'],
      [{ text: 'x', from: 'someone@elsewhere.test' }, 'from'],
      [{ text: 'x', weekdays: ['someday'] }, 'weekdays[0]'],
    ];
    for (const [body, field] of cases) {
      const r = await call('PUT', `/mailboxes/${ALICE}/responders/Broken`, userToken, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field).toBe(field);
    }
    const tz = await call('PUT', `/mailboxes/${ALICE}/time-zone`, userToken, { timeZone: 'Nowhere/Land' });
    expect(tz.status).toBe(400);
    expect(tz.body.field).toBe('timeZone');
    expect((await call('GET', `/mailboxes/${ALICE}/responders`, userToken)).body.responders.some((x: any) => x.name === 'Broken')).toBe(false);
    // A From code request, then a wrong code.
    expect((await call('POST', `/mailboxes/${ALICE}/responder-from`, userToken, { address: 'helper@elsewhere.test' })).body.status).toBe('code requested');
    const v = await call('POST', `/mailboxes/${ALICE}/responder-from/${enc('helper@elsewhere.test')}/verify`, userToken, { code: '123456' });
    expect(v.status).toBe(400);
    expect(v.body.field).toBe('code');
  });

  it('an admin defines templates; users see only those not hidden; bulk apply', async () => {
    let r = await call('PUT', '/domains/example.test/responder-templates/Closed', adminToken, { text: 'Closed.', autoApply: true });
    expect(r.body).toMatchObject({ domain: 'example.test', name: 'Closed', autoApply: true, hidden: false });
    await call('PUT', '/domains/example.test/responder-templates/Secret', adminToken, { text: 'Hidden.', hidden: true });
    expect((await call('PUT', '/domains/example.test/responder-templates/WithFrom', adminToken, { text: 'x', from: 'a@example.test' })).body.field).toBe('from');
    r = await call('GET', `/mailboxes/${ALICE}/responder-templates`, userToken);
    expect(r.body.templates.map((x: any) => x.name)).toEqual(['Closed']);
    expect((await call('POST', `/mailboxes/${ALICE}/responder-templates/Secret/apply`, userToken, {})).status).toBe(404);
    r = await call('POST', `/mailboxes/${ALICE}/responder-templates/Closed/apply`, userToken, {});
    expect(r.body).toEqual({ domain: 'example.test', template: 'Closed', mailboxes: ['alice@example.test'], activated: false });
    r = await call('GET', '/domains/example.test/responder-templates', adminToken);
    expect(r.body.templates.map((x: any) => x.name)).toEqual(['Closed', 'Secret']);
    r = await call('POST', '/domains/example.test/responder-templates/Closed/apply', adminToken, { activate: true });
    expect(r.body.mailboxes.sort()).toEqual(['alice@example.test', 'bob@example.test']);
    r = await call('GET', `/mailboxes/${ALICE}/responders`, userToken);
    expect(r.body.responders.find((x: any) => x.name === 'Closed')).toMatchObject({ active: true, template: 'Closed' });
    expect((await call('DELETE', '/domains/example.test/responder-templates/Closed', adminToken)).status).toBe(200);
  });
});
