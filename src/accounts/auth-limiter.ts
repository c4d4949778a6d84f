// Failed logins are counted per client IP and per account over a sliding window; past its limit
// each is locked for a while (the IP limit is higher: many people may share one address).
// Every failure is also answered late (failureDelayMs) to slow guessing. Kept in memory: a restart forgets, which only ever errs towards letting users in.
export interface AuthLimiterOptions { maxFailures: number; maxFailuresPerIp?: number; windowMs: number; lockMs: number; failureDelayMs: number; now?: () => number }

interface Entry { failures: number[]; lockedUntil: number }

export class AuthLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly opts: AuthLimiterOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Milliseconds until the lock on this IP or account ends, 0 when free to try. */
  lockedFor(ip: string, account: string): number {
    const now = this.now();
    return Math.max(0, ...[`ip:${ip}`, `acct:${account.toLowerCase()}`].map((k) => (this.entries.get(k)?.lockedUntil ?? 0) - now));
  }

  async failure(ip: string, account: string): Promise<void> {
    const now = this.now();
    const keys: Array<[string, number]> = [
      [`ip:${ip}`, this.opts.maxFailuresPerIp ?? this.opts.maxFailures * 3],
      [`acct:${account.toLowerCase()}`, this.opts.maxFailures],
    ];
    for (const [key, max] of keys) {
      const e = this.entries.get(key) ?? { failures: [], lockedUntil: 0 };
      e.failures = e.failures.filter((t) => t > now - this.opts.windowMs);
      e.failures.push(now);
      if (e.failures.length >= max) {
        e.lockedUntil = now + this.opts.lockMs;
        e.failures = [];
      }
      this.entries.set(key, e);
    }
    if (this.entries.size > 100_000) this.prune(now);
    if (this.opts.failureDelayMs > 0) await new Promise((r) => setTimeout(r, this.opts.failureDelayMs));
  }

  success(account: string): void {
    this.entries.delete(`acct:${account.toLowerCase()}`);
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) {
      if (e.lockedUntil < now && e.failures.every((t) => t <= now - this.opts.windowMs)) this.entries.delete(k);
    }
  }
}
