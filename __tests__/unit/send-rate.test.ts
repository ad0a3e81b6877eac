import { sendRate } from '../../src/coordinator/send-rate';

/** A steady `perSecond` answers a second for the five seconds up to `end` (ms). */
function answerAt(rate: ReturnType<typeof sendRate>, perSecond: number, end: number): void {
  for (let i = 5 * perSecond - 1; i >= 0; i--) rate.answered(end - (i * 1000) / perSecond);
}

describe('sendRate', () => {
  it('allows any rate until the first throttle', () => {
    const rate = sendRate();
    answerAt(rate, 50, 1000);
    expect(rate.allowed(1000)).toBe(Infinity);
    expect(rate.recovered(1000)).toBe(true);
  });

  it('cuts to 70 % of the rate the client was really sending', () => {
    const rate = sendRate();
    answerAt(rate, 20, 10_000);
    rate.throttled(10_050, 1000);
    const allowed = rate.allowed(10_050);
    expect(allowed).toBeGreaterThan(0.7 * 20 * 0.9);
    expect(allowed).toBeLessThan(0.7 * 20 * 1.1);
  });

  it('cuts again on every throttle, from the rate then in force', () => {
    const rate = sendRate();
    answerAt(rate, 20, 10_000);
    rate.throttled(10_010, 5000, 15_000);
    const first = rate.allowed(10_010);
    rate.throttled(10_020, 5000, 15_000);
    expect(rate.allowed(10_020)).toBeCloseTo(0.7 * first, 9);
  });

  it('never falls below one request every two seconds', () => {
    const rate = sendRate();
    for (let i = 0; i < 20; i++) rate.throttled(1000 + i, 60_000);
    expect(rate.allowed(1020)).toBe(0.5);
  });

  it('never cuts below one request per the wait the server asked for', () => {
    const rate = sendRate();
    for (let i = 0; i < 20; i++) rate.throttled(1000 + i, 250); // Retry-After 0.25 s
    expect(rate.allowed(1020)).toBeCloseTo(4, 9);
  });

  it('does not cut on a throttle that asks for no wait, or for one shorter than the rate already allows', () => {
    const rate = sendRate();
    answerAt(rate, 50, 10_000);
    rate.throttled(10_000, 0); // Retry-After: 0
    expect(rate.allowed(10_000)).toBe(Infinity);
    rate.throttled(10_000, 2000);
    const cut = rate.allowed(10_000);
    rate.throttled(10_001, 5); // a 5 ms backoff: one per 5 ms is faster than allowed anyway
    expect(rate.allowed(10_001)).toBe(cut);
  });

  it('grows back with time from the end of the wait: flat near the refused rate, then beyond it', () => {
    const rate = sendRate();
    answerAt(rate, 50, 10_000);
    rate.throttled(10_000, 3000); // Retry-After: 3
    const cut = rate.allowed(10_000);
    // Nothing grows during the wait, and the silence of a hold does not lower the rate either.
    expect(rate.allowed(12_999)).toBe(cut);
    const samples = [13_000, 14_000, 15_000, 16_000, 17_000, 18_000].map((at) => rate.allowed(at));
    for (let i = 1; i < samples.length; i++) expect(samples[i]!).toBeGreaterThanOrEqual(samples[i - 1]!);
    expect(samples[0]).toBe(cut);
    expect(samples[2]! / cut).toBeGreaterThan(1 / 0.7 - 0.05); // back near the refused rate
    expect(samples[2]! / cut).toBeLessThan(1 / 0.7 + 0.05);
  });

  it('never allows more than twice the rate measured at the last answer', () => {
    const rate = sendRate();
    answerAt(rate, 10, 10_000);
    rate.throttled(10_000, 1000);
    rate.answered(10_100);
    expect(rate.allowed(60_000)).toBeLessThan(2 * 10 * 1.1);
    expect(rate.allowed(60_000)).toBeGreaterThan(2 * 10 * 0.9);
  });

  it('is recovered once the cut no longer binds, or the client went quiet', () => {
    const rate = sendRate();
    answerAt(rate, 50, 10_000);
    rate.throttled(10_000, 1000);
    expect(rate.recovered(10_000)).toBe(false);
    expect(rate.recovered(20_000)).toBe(true); // ten quiet seconds
  });

  it('a clock that steps back never raises the rate', () => {
    const rate = sendRate();
    answerAt(rate, 10, 10_000);
    rate.throttled(10_000, 1000);
    const cut = rate.allowed(10_000);
    expect(rate.allowed(5_000)).toBe(cut);
  });
});
