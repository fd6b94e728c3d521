import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.js";

describe("RateLimiter", () => {
  it("allows a burst, then refills at the rate, per key", () => {
    const limiter = new RateLimiter(2, 3);
    const t = 1_000_000;
    expect([limiter.take("a", t), limiter.take("a", t), limiter.take("a", t)]).toEqual([0, 0, 0]);
    // Empty: one token comes back after 0.5 s at 2/s.
    expect(limiter.take("a", t)).toBe(1);
    expect(limiter.take("b", t)).toBe(0);
    expect(limiter.take("a", t + 499)).toBeGreaterThan(0);
    expect(limiter.take("a", t + 1_000)).toBe(0);
    // A long pause refills to the burst, not beyond.
    const later = t + 60_000;
    expect([0, 1, 2, 3].map(() => limiter.take("a", later))).toEqual([0, 0, 0, 1]);
  });

  it("asks for a wait of whole seconds, at least one", () => {
    const limiter = new RateLimiter(0.1, 1);
    expect(limiter.take("k", 0)).toBe(0);
    expect(limiter.take("k", 0)).toBe(10);
  });

  it("never limits with a rate of 0", () => {
    const limiter = new RateLimiter(0, 0);
    for (let i = 0; i < 100; i++) expect(limiter.take("k", 0)).toBe(0);
  });
});
