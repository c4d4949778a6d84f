// A job that runs now, then every intervalMs, never two rounds at once: runOnce() waits for the
// round in progress and runs another; stop() waits for the last round. Errors are handed to
// onError and the next round runs as usual.
export interface Periodic {
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startPeriodic(round: () => Promise<void>, intervalMs: number, onError: (err: unknown) => void): Periodic {
  let running: Promise<void> | null = null;
  let stopped = false;
  const once = (): Promise<void> => {
    running ??= round()
      .catch(onError)
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void once();
  }, intervalMs);
  timer.unref();
  void once();
  return {
    async runOnce() {
      while (running) await running;
      await once();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
