import { describe, expect, it } from 'vitest';
import {
  classify, createModel, deserializeGlobal, deserializeModel, deserializeTypeModel, globalModelBytes, messageTokens,
  serializeGlobal, serializeModel, serializeTypeModel, TOKENIZER_VERSION, train, untrain, type ClassifyContext, type SpamModel,
} from '../../src/spam/index.js';
import { bayesProbability } from '../../src/spam/bayes.js';
import { deserializeLinear, linearScore, serializeLinear } from '../../src/spam/linear.js';
import { ModelFormatError } from '../../src/spam/model.js';
import { mail, RECEIVED_AT, shipped } from './helpers.js';

const ctx: ClassifyContext = { source: 'mx', recipient: 'alice@lakeside-studio.ch', receivedAt: RECEIVED_AT };

/** A daily-deals mailing: the kind one user calls spam and another reads. */
function deals(n: number, product: string, pct: number) {
  return mail({
    headers: { From: 'Deal Scout <picks@dealscout-daily.example>', Subject: `Today's picks #${n}: ${pct}% off ${product}`, 'Message-ID': `<picks-${n}@dealscout-daily.example>`, 'List-Unsubscribe': '<https://dealscout-daily.example/u>' },
    body: `Hello deal hunter,\n\ntoday's picks from Deal Scout: ${product} at ${pct}% off, only until midnight. Our editors checked every price.\n\nBrowse today's picks: https://dealscout-daily.example/picks/${n}\n\nYou get Deal Scout daily because you signed up on dealscout-daily.example. Unsubscribe: https://dealscout-daily.example/u\n`,
  });
}

describe('serialisation', () => {
  it('the shipped models load, match the tokenizer and stay within memory bounds', () => {
    const { global, types } = shipped();
    expect(global).not.toBeNull();
    expect(types).not.toBeNull();
    expect(global!.counts.tokenizerVersion).toBe(TOKENIZER_VERSION);
    expect(global!.counts.nSpam).toBeGreaterThan(1000);
    expect(globalModelBytes(global!)).toBeLessThan(100 * 1024 * 1024);
  });

  it('a global model survives a round trip with the same scores', () => {
    const g = shipped().global!;
    const back = deserializeGlobal(serializeGlobal(g));
    const tok = messageTokens(deals(1, 'garden chairs', 40));
    expect(linearScore(back.linear, tok.hashes)).toBeCloseTo(linearScore(g.linear, tok.hashes), 2);
    expect(bayesProbability(tok.tokens, tok.hashes, back.counts, null).probability).toBe(bayesProbability(tok.tokens, tok.hashes, g.counts, null).probability);
    expect(back.counts.nSpam).toBe(g.counts.nSpam);
    const l = deserializeLinear(serializeLinear(back.linear));
    expect(l.bias).toBe(back.linear.bias);
  });

  it('a mailbox model and the type model survive a round trip', () => {
    const m = createModel();
    train(m, deals(1, 'garden chairs', 40), 'spam');
    train(m, mail(), 'ham');
    const back = deserializeModel(serializeModel(m));
    expect([back.nSpam, back.nHam, back.table.size]).toEqual([m.nSpam, m.nHam, m.table.size]);
    expect(serializeModel(back).equals(serializeModel(m))).toBe(true);
    const t = shipped().types!;
    const t2 = deserializeTypeModel(serializeTypeModel(t));
    expect(t2.docs).toEqual(t.docs);
    expect(t2.keys).toEqual(t.keys);
    expect(serializeTypeModel(t2).equals(serializeTypeModel(t))).toBe(true);
  });

  it('garbage is refused with a format error, not a crash', () => {
    expect(() => deserializeModel(Buffer.from('not a model'))).toThrow(ModelFormatError);
    expect(() => deserializeModel(Buffer.concat([Buffer.from('MCSB'), Buffer.alloc(20, 0xff)]))).toThrow(ModelFormatError);
    const good = serializeModel(createModel());
    expect(() => deserializeGlobal(good)).toThrow();
  });
});

describe('reports teach the models', () => {
  it('untrain undoes train exactly on a mailbox model', () => {
    const m = createModel();
    train(m, mail(), 'ham');
    const before = serializeModel(m);
    train(m, deals(1, 'garden chairs', 40), 'spam');
    expect(serializeModel(m).equals(before)).toBe(false);
    untrain(m, deals(1, 'garden chairs', 40), 'spam');
    expect(serializeModel(m).equals(before)).toBe(true);
  });

  it('"report as spam" makes the next similar message spam for that mailbox only', () => {
    const models = shipped();
    const next = deals(2, 'outdoor lights', 35);
    const before = classify(next, ctx, { global: models.global }).spam;
    expect(before.isSpam).toBe(false);

    const alice: SpamModel = createModel();
    train(alice, deals(1, 'garden chairs', 40), 'spam');
    const after = classify(next, ctx, { global: models.global, mailbox: alice }).spam;
    expect(after.score).toBeGreaterThan(before.score + 2);
    expect(after.isSpam).toBe(true);
    expect(after.reasons.find((r) => r.rule === 'MAILBOX_LEARNED')?.detail).toMatch(/1 spam/);

    // Bob never reported anything: his verdict is the global one.
    const bob = createModel();
    expect(classify(next, ctx, { global: models.global, mailbox: bob }).spam.score).toBe(before.score);
    // An unrelated message barely moves for Alice.
    const other = classify(mail(), ctx, { global: models.global, mailbox: alice }).spam;
    expect(other.isSpam).toBe(false);
  });

  it('"not spam" lowers the score of the next similar message', () => {
    const models = shipped();
    const loud = (n: number) => mail({
      headers: { From: 'Club Offers <offers@club-rewards.example>', Subject: `FREE bonus points #${n} - click now!!!`, 'Message-ID': `<o${n}@club-rewards.example>` },
      html: `<html><body><p><b>Congratulations!</b> You have been selected for FREE bonus points. Click here to claim your reward now, limited time offer, act now!</p><p><a href="https://club-rewards.example/claim/${n}">CLAIM NOW</a></p><p>To be removed from our mailing list click here.</p></body></html>`,
    });
    const before = classify(loud(2), ctx, { global: models.global }).spam;
    const mine = createModel();
    train(mine, loud(1), 'ham');
    const after = classify(loud(2), ctx, { global: models.global, mailbox: mine }).spam;
    expect(before.isSpam).toBe(true);
    expect(after.score).toBeLessThan(before.score - 2);
  });

  it('reports train the global model too', () => {
    const g = deserializeGlobal(serializeGlobal(shipped().global!)); // a copy
    const next = deals(3, 'camping stoves', 30);
    const before = classify(next, ctx, { global: g }).spam.score;
    for (let i = 10; i < 13; i++) train(g, deals(i, 'tents', 20 + i), 'spam');
    const after = classify(next, ctx, { global: g }).spam.score;
    expect(after).toBeGreaterThan(before + 1);
    expect(g.linear.updates).toBe(3);
    untrain(g, deals(10, 'tents', 30), 'spam');
    expect(g.linear.updates).toBe(2);
  });
});
