import { afterEach, describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, Metrics, Registry, escapeLabelValue, formatValue } from '../../src/metrics/registry.js';

/** Parses exposition text into { name{labels} -> value } and checks every line is well-formed. */
function parse(text: string): Map<string, string> {
  expect(text.endsWith('\n')).toBe(true);
  const samples = new Map<string, string>();
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*",?)*\})?) (\S+)$/.exec(line);
    expect(m, `malformed line: ${line}`).not.toBeNull();
    samples.set(m![1], m![2]);
  }
  return samples;
}

describe('Counter', () => {
  it('renders HELP, TYPE and one line per label combination', () => {
    const reg = new Registry();
    const c = reg.counter<{ method: string; code: string }>({ name: 'req_total', help: 'Requests.', labelNames: ['method', 'code'] });
    c.inc({ method: 'GET', code: 200 });
    c.inc({ method: 'GET', code: '200' }, 2);
    c.inc({ code: 404, method: 'POST' });
    expect(reg.render()).toBe(
      ['# HELP req_total Requests.', '# TYPE req_total counter', 'req_total{method="GET",code="200"} 3', 'req_total{method="POST",code="404"} 1', ''].join('\n'),
    );
    expect(c.get({ method: 'GET', code: 200 })).toBe(3);
  });

  it('shows an unlabelled counter at 0 before its first increment', () => {
    const reg = new Registry();
    const c = reg.counter({ name: 'x_total', help: 'X.' });
    expect(reg.render()).toContain('\nx_total 0\n');
    c.inc();
    c.inc(4);
    expect(reg.render()).toContain('\nx_total 5\n');
  });

  it('refuses to go down, unknown labels and missing labels', () => {
    const c = new Counter<{ a: string }>({ name: 'c_total', help: 'c', labelNames: ['a'] });
    expect(() => c.inc({ a: 'x' }, -1)).toThrow(/only goes up/);
    expect(() => c.inc({ a: 'x' }, NaN)).toThrow(/only goes up/);
    expect(() => c.inc({ a: 'x', b: 'y' } as never)).toThrow(/unknown label "b"/);
    expect(() => c.inc({} as never)).toThrow(/label "a" is missing/);
  });

  it('init makes a combination visible at 0', () => {
    const c = new Counter<{ r: 'ok' | 'fail' }>({ name: 'r_total', help: 'r', labelNames: ['r'] });
    c.init({ r: 'fail' });
    expect(c.render()).toContain('r_total{r="fail"} 0');
  });
});

describe('escaping', () => {
  it('escapes label values: backslash, quote, newline', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const c = new Counter<{ path: string }>({ name: 'p_total', help: 'Help with \\ and\nnewline.', labelNames: ['path'] });
    c.inc({ path: 'C:\\dir "x"\nnext' });
    const text = c.render();
    expect(text).toContain('# HELP p_total Help with \\\\ and\\nnewline.');
    expect(text).toContain('p_total{path="C:\\\\dir \\"x\\"\\nnext"} 1');
    expect(text.split('\n')).toHaveLength(3);
    parse(`${text}\n`);
  });

  it('formats special values', () => {
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(Infinity)).toBe('+Inf');
    expect(formatValue(-Infinity)).toBe('-Inf');
    expect(formatValue(0.5)).toBe('0.5');
  });

  it('validates metric and label names', () => {
    expect(() => new Counter({ name: 'bad-name', help: '' })).toThrow(/not valid/);
    expect(() => new Counter<{ 'a-b': string }>({ name: 'ok', help: '', labelNames: ['a-b'] })).toThrow(/not valid/);
    expect(() => new Counter<{ __x: string }>({ name: 'ok', help: '', labelNames: ['__x'] })).toThrow(/not valid/);
    expect(() => new Histogram<{ le: string }>({ name: 'h', help: '', labelNames: ['le'] })).toThrow(/reserved/);
    const reg = new Registry();
    reg.counter({ name: 'dup', help: '' });
    expect(() => reg.gauge({ name: 'dup', help: '' })).toThrow(/twice/);
  });
});

describe('Gauge', () => {
  it('sets, increments, decrements and collects', () => {
    let external = 7;
    const g = new Gauge({ name: 'g', help: 'G.', collect: (self) => self.set(external) });
    expect(g.render()).toContain('\ng 7');
    external = 9;
    expect(g.render()).toContain('\ng 9');
    const h = new Gauge<{ q: string }>({ name: 'h', help: 'H.', labelNames: ['q'] });
    h.set({ q: 'a' }, 5);
    h.inc({ q: 'a' });
    h.dec({ q: 'a' }, 3);
    expect(h.get({ q: 'a' })).toBe(3);
    h.reset();
    expect(h.render()).toBe('# HELP h H.\n# TYPE h gauge');
  });
});

describe('Histogram', () => {
  it('counts cumulatively per bucket, with +Inf, _sum and _count', () => {
    const reg = new Registry();
    const h = reg.histogram<{ op: string }>({ name: 'lat_seconds', help: 'Latency.', labelNames: ['op'], buckets: [0.1, 1, 5] });
    for (const v of [0.05, 0.1, 0.5, 3, 10]) h.observe({ op: 'x' }, v);
    const text = reg.render();
    expect(text).toContain('# TYPE lat_seconds histogram');
    const s = parse(text);
    expect(s.get('lat_seconds_bucket{op="x",le="0.1"}')).toBe('2'); // le is inclusive
    expect(s.get('lat_seconds_bucket{op="x",le="1"}')).toBe('3');
    expect(s.get('lat_seconds_bucket{op="x",le="5"}')).toBe('4');
    expect(s.get('lat_seconds_bucket{op="x",le="+Inf"}')).toBe('5');
    expect(Number(s.get('lat_seconds_sum{op="x"}'))).toBeCloseTo(13.65);
    expect(s.get('lat_seconds_count{op="x"}')).toBe('5');
    expect(h.get({ op: 'x' }).buckets).toEqual([[0.1, 2], [1, 3], [5, 4]]);
  });

  it('rejects unsorted buckets and NaN observations; times with startTimer', async () => {
    expect(() => new Histogram({ name: 'h', help: '', buckets: [1, 1] })).toThrow(/increasing/);
    const h = new Histogram({ name: 'h', help: '', buckets: [10] });
    expect(() => h.observe(NaN)).toThrow(/NaN/);
    const done = h.startTimer();
    await new Promise((r) => setTimeout(r, 20));
    const took = done();
    expect(took).toBeGreaterThanOrEqual(0.015);
    expect(h.get().count).toBe(1);
    expect(h.get().buckets).toEqual([[10, 1]]);
  });
});

describe('Metrics', () => {
  let metrics: Metrics | undefined;
  afterEach(() => metrics?.close());

  it('exports the server metrics and process metrics, all well-formed', async () => {
    metrics = new Metrics();
    metrics.smtpConnections.inc({ listener: 'smtp' });
    metrics.smtpMessages.inc({ listener: 'submission', result: 'accepted' });
    metrics.smtpAuthFailures.inc({ listener: 'submission' });
    metrics.deliveryDuration.observe(0.2);
    metrics.queueAttempts.inc({ result: 'deferred' });
    metrics.imapConnections.inc();
    metrics.httpRequests.inc({ route: '/healthz', status: 200 });
    await new Promise((r) => setTimeout(r, 30)); // let the event-loop sampler record something
    const text = metrics.render();
    const s = parse(text);
    for (const name of [
      'smtp_connections_total',
      'smtp_messages_total',
      'smtp_auth_failures_total',
      'delivery_duration_seconds',
      'queue_attempts_total',
      'imap_connections_total',
      'http_requests_total',
      'process_resident_memory_bytes',
      'nodejs_heap_used_bytes',
      'nodejs_heap_total_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'process_uptime_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
      expect(text).toContain(`# HELP ${name} `);
    }
    expect(s.get('smtp_connections_total{listener="smtp"}')).toBe('1');
    expect(s.get('smtp_messages_total{listener="submission",result="accepted"}')).toBe('1');
    expect(s.get('queue_attempts_total{result="deferred"}')).toBe('1');
    expect(s.get('queue_attempts_total{result="delivered"}')).toBe('0'); // pre-initialised
    expect(s.get('imap_connections_total')).toBe('1');
    expect(s.get('http_requests_total{route="/healthz",status="200"}')).toBe('1');
    expect(s.get('delivery_duration_seconds_bucket{le="0.25"}')).toBe('1');
    expect(Number(s.get('process_resident_memory_bytes'))).toBeGreaterThan(1_000_000);
    expect(Number(s.get('process_uptime_seconds'))).toBeGreaterThan(0);
    const lag = Number(s.get('nodejs_eventloop_lag_p99_seconds'));
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(5);
  });

  it('can leave out process metrics', () => {
    metrics = new Metrics({ processMetrics: false });
    expect(metrics.render()).not.toContain('process_resident_memory_bytes');
    expect(metrics.render()).toContain('# TYPE http_requests_total counter');
  });
});
