import { performance } from 'node:perf_hooks';

/**
 * Respondents first. Report workers run at a lower scheduling priority (nice 10), but on a small machine they still
 * share the cores' caches, memory bandwidth and often hyperthreads with the request loop: a client fetching reports
 * back to back cost submissions a fifth of their throughput. So while the request loop is busy (its event-loop
 * utilisation at or above `busyAbove`), report jobs together keep the workers busy at most `share` of the time: a job
 * that took 100 ms makes the next one wait up to 900 ms at a share of a tenth. A token bucket: jobs spend their
 * time, time refills it at `share`, `burstMs` is the most it holds (a few reports run at once when load begins), and no
 * job waits longer than `maxWaitMs`. When the loop is not busy nothing waits.
 */
export interface PacerOptions {
  share: number;
  busyAbove: number;
  burstMs: number;
  maxWaitMs: number;
}

export const PACER_DEFAULTS: PacerOptions = { share: 0.1, busyAbove: 0.5, burstMs: 1000, maxWaitMs: 2000 };

const RECHECK_MS = 100;

export interface PacerClock {
  now(): number;
  /** Whether the request loop is at least this busy now (0-1). */
  busy(threshold: number): boolean;
}

/** The request loop's utilisation over the last `windowMs` or more, sampled when asked. */
export function loopClock(windowMs = 200): PacerClock {
  let last = performance.eventLoopUtilization();
  let at = performance.now();
  let utilization = 0;
  return {
    now: () => performance.now(),
    busy(threshold) {
      const now = performance.now();
      if (now - at >= windowMs) {
        const current = performance.eventLoopUtilization();
        utilization = performance.eventLoopUtilization(current, last).utilization;
        last = current;
        at = now;
      }
      return utilization >= threshold;
    },
  };
}

export function createPacer(options: Partial<PacerOptions> = {}, clock: PacerClock = loopClock()) {
  const { share, busyAbove, burstMs, maxWaitMs } = { ...PACER_DEFAULTS, ...options };
  let tokens = burstMs;
  let at = clock.now();
  const waiting: { since: number; go: () => void }[] = [];
  let timer: NodeJS.Timeout | undefined;

  function refill() {
    const now = clock.now();
    tokens = Math.min(burstMs, tokens + (now - at) * share);
    at = now;
  }

  const mayStart = (since: number) => tokens >= 0 || !clock.busy(busyAbove) || clock.now() - since >= maxWaitMs;

  function release() {
    timer = undefined;
    refill();
    while (waiting.length && mayStart(waiting[0]!.since)) waiting.shift()!.go();
    if (waiting.length) {
      const untilTokens = -tokens / share;
      const untilMaxWait = maxWaitMs - (clock.now() - waiting[0]!.since);
      // Checked again at least every RECHECK_MS: a loop that turned idle lets waiting jobs start.
      timer = setTimeout(release, Math.max(1, Math.min(untilTokens, untilMaxWait, RECHECK_MS)));
    }
  }

  return {
    /** Resolves when a job may start. */
    admit(): Promise<void> {
      refill();
      const now = clock.now();
      if (!waiting.length && mayStart(now)) return Promise.resolve();
      return new Promise<void>((go) => {
        waiting.push({ since: now, go });
        if (!timer) release();
      });
    },
    /** A job ran for `ms` (wall time, as the request loop saw it). */
    done(ms: number) {
      refill();
      // A long job (a PDF of 100,000 responses) owes at most what one longest wait repays: the jobs after it wait
      // once, then at the usual pace, instead of each waiting the longest for as long as the debt lasts.
      tokens = Math.max(tokens - ms, -share * maxWaitMs);
    },
    /** Jobs waiting now (for tests and the bench). */
    waiting: () => waiting.length,
  };
}
export type Pacer = ReturnType<typeof createPacer>;
