import { backoffMs, createAddressThrottle, MAX_DELAY_MS } from '../../src/auth/throttle';

describe('backoffMs', () => {
  test.each([
    [1, 0],
    [3, 0],
    [4, 1000],
    [5, 2000],
    [6, 4000],
    [13, 512_000],
    [14, MAX_DELAY_MS],
    [40, MAX_DELAY_MS],
  ])('when an account has %p failures, then the wait is %p ms', (failures, expected) => {
    expect(backoffMs(failures, 3)).toBe(expected);
  });
});

describe('createAddressThrottle', () => {
  test('when an address fails more than ten times, then it waits longer each time, and other addresses do not', () => {
    let now = 0;
    const throttle = createAddressThrottle(() => now);
    for (let i = 0; i < 10; i++) throttle.fail('a');
    expect(throttle.waitMs('a')).toBe(0);
    throttle.fail('a');
    expect(throttle.waitMs('a')).toBe(1000);
    throttle.fail('a');
    expect(throttle.waitMs('a')).toBe(2000);
    expect(throttle.waitMs('b')).toBe(0);
    now += 2000;
    expect(throttle.waitMs('a')).toBe(0);
  });

  test('when more addresses than the limit fail, then the oldest are forgotten and memory stays bounded', () => {
    const throttle = createAddressThrottle(() => 0, 3);
    for (const address of ['a', 'b', 'c', 'd', 'e']) for (let i = 0; i < 12; i++) throttle.fail(address);
    expect(throttle.waitMs('a')).toBe(0);
    expect(throttle.waitMs('e')).toBeGreaterThan(0);
  });
});
