// A small Prometheus registry without dependencies: counters, gauges and fixed-bucket histograms
// with labels, rendered in the text exposition format (version 0.0.4), plus Node process metrics.
// Every metric the server exports is created in one place, the Metrics class at the bottom, so the
// names, help texts and label sets are reviewed together.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label names to the value type each accepts, e.g. `{ listener: string; result: 'accepted' | 'rejected' }`. */
export type LabelSet = Record<string, string>;
type NoLabels = Record<never, string>;
/** Label values as callers pass them: numbers (e.g. status codes) are turned into strings. */
export type LabelValues<L extends LabelSet> = { [K in keyof L]: L[K] | (string extends L[K] ? number : never) };

export interface MetricOptions<L extends LabelSet> {
  name: string;
  help: string;
  labelNames?: ReadonlyArray<keyof L & string>;
}

/** Help text: backslash and newline are escaped. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Label values: backslash, double quote and newline are escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function formatLabels(names: readonly string[], values: readonly string[], extra?: [string, string]): string {
  const parts = names.map((n, i) => `${n}="${escapeLabelValue(values[i])}"`);
  if (extra) parts.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

abstract class Metric<L extends LabelSet> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  abstract readonly type: 'counter' | 'gauge' | 'histogram';

  constructor(opts: MetricOptions<L>, reserved: readonly string[] = []) {
    if (!METRIC_NAME_RE.test(opts.name)) throw new Error(`metric name "${opts.name}" is not valid`);
    this.name = opts.name;
    this.help = opts.help;
    this.labelNames = [...(opts.labelNames ?? [])];
    const seen = new Set<string>();
    for (const l of this.labelNames) {
      if (!LABEL_NAME_RE.test(l) || l.startsWith('__')) throw new Error(`${opts.name}: label name "${l}" is not valid`);
      if (reserved.includes(l)) throw new Error(`${opts.name}: label name "${l}" is reserved`);
      if (seen.has(l)) throw new Error(`${opts.name}: label "${l}" given twice`);
      seen.add(l);
    }
  }

  /** The label values in declared order; every declared label is required, no others allowed. */
  protected values(labels: Partial<Record<string, string | number>> | undefined): string[] {
    const given = labels ?? {};
    for (const k of Object.keys(given)) {
      if (!this.labelNames.includes(k)) throw new Error(`${this.name}: unknown label "${k}"`);
    }
    return this.labelNames.map((n) => {
      const v = given[n];
      if (v === undefined) throw new Error(`${this.name}: label "${n}" is missing`);
      return String(v);
    });
  }

  protected header(): string[] {
    return [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
  }

  abstract render(): string;
}

/** Series kept per label-value combination, keyed by the JSON of the values (unambiguous for any string). */
class Series<T> {
  private readonly map = new Map<string, { values: string[]; data: T }>();
  get(values: string[], create: () => T): T {
    const key = JSON.stringify(values);
    let s = this.map.get(key);
    if (!s) {
      s = { values, data: create() };
      this.map.set(key, s);
    }
    return s.data;
  }
  entries() {
    return [...this.map.values()];
  }
  clear() {
    this.map.clear();
  }
}

export class Counter<L extends LabelSet = NoLabels> extends Metric<L> {
  readonly type = 'counter' as const;
  private readonly series = new Series<{ v: number }>();

  constructor(opts: MetricOptions<L>) {
    super(opts);
    if (this.labelNames.length === 0) this.series.get([], () => ({ v: 0 }));
  }

  inc(...args: keyof L extends never ? [value?: number] : [labels: LabelValues<L>, value?: number]): void {
    const [labels, value] = this.labelNames.length === 0 ? [undefined, args[0] as number | undefined] : [args[0] as LabelValues<L>, args[1]];
    const by = value ?? 1;
    if (!(by >= 0) || !Number.isFinite(by)) throw new Error(`${this.name}: a counter only goes up (got ${by})`);
    this.series.get(this.values(labels), () => ({ v: 0 })).v += by;
  }

  /** Makes a label combination visible at 0 before it first happens (so rate() sees the start). */
  init(labels: LabelValues<L>): void {
    this.series.get(this.values(labels), () => ({ v: 0 }));
  }

  get(labels?: LabelValues<L>): number {
    return this.series.get(this.values(labels), () => ({ v: 0 })).v;
  }

  render(): string {
    const lines = this.header();
    for (const s of this.series.entries()) lines.push(`${this.name}${formatLabels(this.labelNames, s.values)} ${formatValue(s.data.v)}`);
    return lines.join('\n');
  }
}

export class Gauge<L extends LabelSet = NoLabels> extends Metric<L> {
  readonly type = 'gauge' as const;
  private readonly series = new Series<{ v: number }>();

  private readonly collect?: (gauge: Gauge<L>) => void;

  /** `collect` runs before each render, to read a value that lives elsewhere (memory, queue length...). */
  constructor(opts: MetricOptions<L> & { collect?: (gauge: Gauge<L>) => void }) {
    super(opts);
    this.collect = opts.collect;
    if (this.labelNames.length === 0) this.series.get([], () => ({ v: 0 }));
  }

  set(...args: keyof L extends never ? [value: number] : [labels: LabelValues<L>, value: number]): void {
    const [labels, value] = this.labelNames.length === 0 ? [undefined, args[0] as number] : [args[0] as LabelValues<L>, args[1] as number];
    this.series.get(this.values(labels), () => ({ v: 0 })).v = value;
  }

  inc(...args: keyof L extends never ? [value?: number] : [labels: LabelValues<L>, value?: number]): void {
    const [labels, value] = this.labelNames.length === 0 ? [undefined, args[0] as number | undefined] : [args[0] as LabelValues<L>, args[1]];
    this.series.get(this.values(labels), () => ({ v: 0 })).v += value ?? 1;
  }

  dec(...args: keyof L extends never ? [value?: number] : [labels: LabelValues<L>, value?: number]): void {
    const [labels, value] = this.labelNames.length === 0 ? [undefined, args[0] as number | undefined] : [args[0] as LabelValues<L>, args[1]];
    this.series.get(this.values(labels), () => ({ v: 0 })).v -= value ?? 1;
  }

  get(labels?: LabelValues<L>): number {
    return this.series.get(this.values(labels), () => ({ v: 0 })).v;
  }

  /** Drops every labelled series (for gauges rebuilt from scratch by `collect`). */
  reset(): void {
    this.series.clear();
    if (this.labelNames.length === 0) this.series.get([], () => ({ v: 0 }));
  }

  render(): string {
    this.collect?.(this);
    const lines = this.header();
    for (const s of this.series.entries()) lines.push(`${this.name}${formatLabels(this.labelNames, s.values)} ${formatValue(s.data.v)}`);
    return lines.join('\n');
  }
}

/** Prometheus' own default buckets (seconds), good for request latencies. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Histogram<L extends LabelSet = NoLabels> extends Metric<L> {
  readonly type = 'histogram' as const;
  readonly buckets: readonly number[];
  private readonly series = new Series<{ counts: number[]; sum: number; count: number }>();

  constructor(opts: MetricOptions<L> & { buckets?: readonly number[] }) {
    super(opts, ['le']);
    const b = [...(opts.buckets ?? DEFAULT_BUCKETS)].filter((x) => x !== Infinity);
    if (b.length === 0) throw new Error(`${opts.name}: give at least one bucket`);
    for (let i = 0; i < b.length; i++) {
      if (!Number.isFinite(b[i])) throw new Error(`${opts.name}: bucket ${b[i]} is not a finite number`);
      if (i > 0 && b[i] <= b[i - 1]) throw new Error(`${opts.name}: buckets must be strictly increasing`);
    }
    this.buckets = b;
    if (this.labelNames.length === 0) this.series.get([], () => this.empty());
  }

  private empty() {
    return { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
  }

  observe(...args: keyof L extends never ? [value: number] : [labels: LabelValues<L>, value: number]): void {
    const [labels, value] = this.labelNames.length === 0 ? [undefined, args[0] as number] : [args[0] as LabelValues<L>, args[1] as number];
    if (Number.isNaN(value)) throw new Error(`${this.name}: cannot observe NaN`);
    const s = this.series.get(this.values(labels), () => this.empty());
    // Counts are stored per bucket (non-cumulative) and summed when rendered.
    const i = this.buckets.findIndex((b) => value <= b);
    if (i >= 0) s.counts[i]++;
    s.sum += value;
    s.count++;
  }

  /** Starts a timer; calling the returned function observes the seconds elapsed and returns them. */
  startTimer(...args: keyof L extends never ? [] : [labels: LabelValues<L>]): () => number {
    const start = process.hrtime.bigint();
    return () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      (this.observe as (...a: unknown[]) => void)(...(this.labelNames.length === 0 ? [seconds] : [args[0], seconds]));
      return seconds;
    };
  }

  get(labels?: LabelValues<L>): { buckets: Array<[number, number]>; sum: number; count: number } {
    const s = this.series.get(this.values(labels), () => this.empty());
    let acc = 0;
    return { buckets: this.buckets.map((b, i) => [b, (acc += s.counts[i])] as [number, number]), sum: s.sum, count: s.count };
  }

  render(): string {
    const lines = this.header();
    for (const s of this.series.entries()) {
      let acc = 0;
      this.buckets.forEach((b, i) => {
        acc += s.data.counts[i];
        lines.push(`${this.name}_bucket${formatLabels(this.labelNames, s.values, ['le', formatValue(b)])} ${acc}`);
      });
      lines.push(`${this.name}_bucket${formatLabels(this.labelNames, s.values, ['le', '+Inf'])} ${s.data.count}`);
      lines.push(`${this.name}_sum${formatLabels(this.labelNames, s.values)} ${formatValue(s.data.sum)}`);
      lines.push(`${this.name}_count${formatLabels(this.labelNames, s.values)} ${s.data.count}`);
    }
    return lines.join('\n');
  }
}

export class Registry {
  private readonly metrics = new Map<string, Metric<LabelSet>>();

  register<M extends Metric<any>>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`metric ${metric.name} is registered twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }

  counter<L extends LabelSet = NoLabels>(opts: MetricOptions<L>): Counter<L> {
    return this.register(new Counter<L>(opts));
  }

  gauge<L extends LabelSet = NoLabels>(opts: MetricOptions<L> & { collect?: (gauge: Gauge<L>) => void }): Gauge<L> {
    return this.register(new Gauge<L>(opts));
  }

  histogram<L extends LabelSet = NoLabels>(opts: MetricOptions<L> & { buckets?: readonly number[] }): Histogram<L> {
    return this.register(new Histogram<L>(opts));
  }

  get(name: string): Metric<LabelSet> | undefined {
    return this.metrics.get(name);
  }

  /** The whole registry in the text exposition format, ending with a newline. */
  render(): string {
    const blocks = [...this.metrics.values()].map((m) => m.render());
    return blocks.length ? `${blocks.join('\n')}\n` : '';
  }
}

export type SmtpResult = 'accepted' | 'rejected' | 'tempfail';
export type QueueResult = 'delivered' | 'deferred' | 'failed';

/** Seconds: from a fast local delivery to a slow remote MX that takes its time to answer. */
export const DELIVERY_BUCKETS: readonly number[] = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * The metrics of one server process. Create one and hand it to every component:
 *
 *   metrics.smtpConnections.inc({ listener: 'smtp' });
 *   metrics.smtpMessages.inc({ listener: 'submission', result: 'accepted' });
 *   const done = metrics.deliveryDuration.startTimer(); ...; done();
 *   res.type(PROMETHEUS_CONTENT_TYPE).send(metrics.render());
 *
 * Event-loop lag gauges cover the time since the previous render (the histogram is reset on
 * each scrape), so with one Prometheus scraping they read as "during the last interval".
 */
export class Metrics {
  readonly registry = new Registry();

  readonly smtpConnections = this.registry.counter<{ listener: string }>({
    name: 'smtp_connections_total',
    help: 'SMTP connections accepted, by listener (smtp, submission, submissions).',
    labelNames: ['listener'],
  });
  readonly smtpMessages = this.registry.counter<{ listener: string; result: SmtpResult }>({
    name: 'smtp_messages_total',
    help: 'Messages at the end of DATA, by listener and result (accepted, rejected, tempfail).',
    labelNames: ['listener', 'result'],
  });
  readonly smtpAuthFailures = this.registry.counter<{ listener: string }>({
    name: 'smtp_auth_failures_total',
    help: 'Failed SMTP AUTH attempts, by listener.',
    labelNames: ['listener'],
  });
  readonly deliveryDuration = this.registry.histogram({
    name: 'delivery_duration_seconds',
    help: 'Time taken by one delivery attempt, in seconds.',
    buckets: DELIVERY_BUCKETS,
  });
  readonly queueAttempts = this.registry.counter<{ result: QueueResult }>({
    name: 'queue_attempts_total',
    help: 'Outbound delivery attempts, by result (delivered, deferred, failed).',
    labelNames: ['result'],
  });
  readonly imapConnections = this.registry.counter({
    name: 'imap_connections_total',
    help: 'IMAP connections accepted.',
  });
  readonly httpRequests = this.registry.counter<{ route: string; status: string }>({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route pattern and status code.',
    labelNames: ['route', 'status'],
  });

  private readonly loopDelay: IntervalHistogram | null = null;
  /** Seconds since the epoch, fixed once so the value does not jitter between scrapes. */
  private readonly startedAt = Math.round(Date.now() / 1000 - process.uptime());

  constructor(opts: { processMetrics?: boolean } = {}) {
    for (const result of ['delivered', 'deferred', 'failed'] as const) this.queueAttempts.init({ result });
    if (opts.processMetrics === false) return;

    this.loopDelay = monitorEventLoopDelay({ resolution: 10 });
    this.loopDelay.enable();
    const loop = this.loopDelay;
    // nanoseconds -> seconds; a histogram with no samples yet reports NaN/huge values, shown as 0
    const lag = (ns: number) => (loop.count > 0 && Number.isFinite(ns) ? ns / 1e9 : 0);

    this.registry.gauge({
      name: 'process_resident_memory_bytes',
      help: 'Resident memory size in bytes.',
      collect: (g) => g.set(process.memoryUsage.rss()),
    });
    this.registry.gauge({
      name: 'nodejs_heap_used_bytes',
      help: 'V8 heap in use, in bytes.',
      collect: (g) => g.set(process.memoryUsage().heapUsed),
    });
    this.registry.gauge({
      name: 'nodejs_heap_total_bytes',
      help: 'V8 heap allocated, in bytes.',
      collect: (g) => g.set(process.memoryUsage().heapTotal),
    });
    this.registry.gauge({
      name: 'nodejs_eventloop_lag_mean_seconds',
      help: 'Mean event-loop delay since the previous scrape, in seconds.',
      collect: (g) => g.set(lag(loop.mean)),
    });
    this.registry.gauge({
      name: 'nodejs_eventloop_lag_p99_seconds',
      help: '99th percentile of the event-loop delay since the previous scrape, in seconds.',
      collect: (g) => g.set(lag(loop.percentile(99))),
    });
    this.registry.gauge({
      name: 'nodejs_eventloop_lag_max_seconds',
      help: 'Largest event-loop delay since the previous scrape, in seconds.',
      collect: (g) => {
        g.set(lag(loop.max));
        loop.reset(); // last gauge of the group: the next scrape sees a fresh interval
      },
    });
    this.registry.gauge({
      name: 'process_uptime_seconds',
      help: 'Seconds since the process started.',
      collect: (g) => g.set(process.uptime()),
    });
    this.registry.gauge({
      name: 'process_start_time_seconds',
      help: 'Start time of the process since the Unix epoch, in seconds.',
      collect: (g) => g.set(this.startedAt),
    });
  }

  render(): string {
    return this.registry.render();
  }

  /** Stops the event-loop sampler (it does not keep the process alive, but tests like it tidy). */
  close(): void {
    this.loopDelay?.disable();
  }
}
