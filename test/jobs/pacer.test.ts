import { loadConfig } from '../../src/config';
import { createPacer, type PacerClock } from '../../src/jobs/pacer';

/** A clock the test moves by hand, with a request loop it declares busy or idle. */
function fakeClock(busy: boolean) {
  let now = 0;
  const clock: PacerClock & { busyNow: boolean; advance(ms: number): Promise<void> } = {
    busyNow: busy,
    now: () => now,
    busy() {
      return clock.busyNow;
    },
    async advance(ms: number) {
      now += ms;
      jest.advanceTimersByTime(ms);
      await Promise.resolve();
    },
  };
  return clock;
}

/** Runs `jobs` jobs of `ms` each back to back, as one client fetching reports does; returns when each started. */
async function backToBack(pacer: ReturnType<typeof createPacer>, clock: ReturnType<typeof fakeClock>, jobs: number, ms: number) {
  const starts: number[] = [];
  for (let i = 0; i < jobs; i++) {
    let started = false;
    void pacer.admit().then(() => (started = true));
    await Promise.resolve();
    while (!started) await clock.advance(1);
    starts.push(clock.now());
    await clock.advance(ms);
    pacer.done(ms);
  }
  return starts;
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('report jobs yield to a busy request loop (src/jobs/pacer.ts)', () => {
  test('when the request loop is idle, then back-to-back jobs never wait', async () => {
    const clock = fakeClock(false);
    const starts = await backToBack(createPacer({ share: 0.25, burstMs: 100 }, clock), clock, 20, 150);
    expect(starts).toEqual(Array.from({ length: 20 }, (_, i) => i * 150));
  });

  test('when the request loop is busy, then after the burst the jobs keep the workers busy at most the share of the time', async () => {
    const clock = fakeClock(true);
    const starts = await backToBack(createPacer({ share: 0.25, burstMs: 300, maxWaitMs: 10_000 }, clock), clock, 40, 150);
    const busy = 40 * 150;
    const elapsed = starts[starts.length - 1]! + 150;
    // 300 ms of burst, then 150 ms of work per 600 ms
    expect(busy / elapsed).toBeLessThanOrEqual(0.25 + 300 / elapsed + 0.01);
    expect(busy / elapsed).toBeGreaterThan(0.2);
  });

  test('when the request loop is busy for long, then no job waits longer than the longest wait', async () => {
    const clock = fakeClock(true);
    const starts = await backToBack(createPacer({ share: 0.01, burstMs: 0, maxWaitMs: 500 }, clock), clock, 10, 200);
    const waits = starts.map((s, i) => s - (i === 0 ? 0 : starts[i - 1]! + 200));
    expect(Math.max(...waits)).toBeLessThanOrEqual(501);
  });

  test('when one job ran very long, then the next waits at most the longest wait and the ones after it at the usual pace', async () => {
    const clock = fakeClock(true);
    const pacer = createPacer({ share: 0.1, burstMs: 0, maxWaitMs: 2000 }, clock);
    pacer.done(60_000); // a minute-long PDF
    const starts = await backToBack(pacer, clock, 4, 100);
    const waits = starts.map((s, i) => s - (i === 0 ? 0 : starts[i - 1]! + 100));
    expect(waits[0]).toBeLessThanOrEqual(2001);
    for (const wait of waits.slice(1)) expect(wait).toBeLessThanOrEqual(1001); // 100 ms of work at a tenth
  });

  test('when the loop becomes idle while jobs wait, then they start within a tenth of a second', async () => {
    const clock = fakeClock(true);
    const pacer = createPacer({ share: 0.1, burstMs: 0, maxWaitMs: 60_000 }, clock);
    pacer.done(1000); // owes ten seconds
    let started = false;
    void pacer.admit().then(() => (started = true));
    await clock.advance(100);
    expect(started).toBe(false);
    expect(pacer.waiting()).toBe(1);
    clock.busyNow = false;
    for (let i = 0; i < 100 && !started; i++) await clock.advance(1);
    expect(started).toBe(true);
  });
});

describe('NEEDSMAP_REPORT_SHARE', () => {
  test.each([
    [undefined, 0.1],
    ['0.3', 0.3],
    ['1', 1],
  ])('when it is %j, then reports may keep the workers busy %j of the time', (value, share) => {
    expect(loadConfig({ ...(value === undefined ? {} : { NEEDSMAP_REPORT_SHARE: value }) }).reportShare).toBe(share);
  });

  test.each(['0', '-1', '1.5', 'half'])('when it is %j, then the start stops with a message naming it', (value) => {
    expect(() => loadConfig({ NEEDSMAP_REPORT_SHARE: value })).toThrow(/NEEDSMAP_REPORT_SHARE/);
  });
});
