import { describe, expect, it } from "vitest";
import { CircuitBreaker, type CircuitState } from "../../src/execution/circuitBreaker.ts";

function breakerWithClock(failureThreshold = 3, coolDownMs = 1_000) {
  const clock = { now: 0 };
  const changes: CircuitState[] = [];
  const breaker = new CircuitBreaker({
    failureThreshold,
    coolDownMs,
    now: () => clock.now,
    onStateChange: (state) => changes.push(state),
  });
  return { breaker, clock, changes };
}

const fail = (breaker: CircuitBreaker, times: number) => {
  for (let i = 0; i < times; i++) {
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failed();
  }
};

describe("CircuitBreaker", () => {
  it("stays closed below the threshold, and a success resets the count", () => {
    const { breaker, changes } = breakerWithClock(3);
    fail(breaker, 2);
    breaker.succeeded();
    fail(breaker, 2);
    expect(breaker.state).toBe("closed");
    expect(breaker.tryAcquire()).toBe(true);
    expect(changes).toEqual([]);
  });

  it("opens after N consecutive failures and refuses every call during the cool-down", () => {
    const { breaker, clock, changes } = breakerWithClock(3, 1_000);
    fail(breaker, 3);
    expect(breaker.state).toBe("open");
    expect(changes).toEqual(["open"]);
    clock.now = 999;
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it("after the cool-down lets exactly one probe through; its success closes the circuit", () => {
    const { breaker, clock, changes } = breakerWithClock(3, 1_000);
    fail(breaker, 3);
    clock.now = 1_000;
    expect(breaker.state).toBe("half-open");
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.succeeded();
    expect(breaker.state).toBe("closed");
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(true);
    expect(changes).toEqual(["open", "half-open", "closed"]);
  });

  it("a failed probe opens the circuit for another full cool-down", () => {
    const { breaker, clock, changes } = breakerWithClock(3, 1_000);
    fail(breaker, 3);
    clock.now = 1_500;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failed();
    expect(breaker.state).toBe("open");
    clock.now = 2_499;
    expect(breaker.tryAcquire()).toBe(false);
    clock.now = 2_500;
    expect(breaker.tryAcquire()).toBe(true);
    expect(changes).toEqual(["open", "half-open", "open", "half-open"]);
  });
});
