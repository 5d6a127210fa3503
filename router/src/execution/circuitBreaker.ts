export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  /** Consecutive failures (connection errors, timeouts) that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long an open circuit refuses before one probe may pass (default 5 s). */
  coolDownMs?: number;
  /** Told of every change of state, for the log and the gauge. */
  onStateChange?: (state: CircuitState) => void;
  /** The clock (tests pass a fake one). Default `Date.now`. */
  now?: () => number;
}

/**
 * closed → open after N consecutive failures → half-open once the cool-down is over, when exactly one
 * probe is let through: its success closes the circuit, its failure opens it for another cool-down.
 * Meanwhile every other call is refused at once, so a subgraph that is down costs callers no waiting.
 */
export class CircuitBreaker {
  private current: CircuitState = "closed";
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private readonly failureThreshold: number;
  private readonly coolDownMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.coolDownMs = options.coolDownMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** An open circuit whose cool-down is over reads half-open: the next call is the probe. */
  get state(): CircuitState {
    return this.current === "open" && this.coolDownOver() ? "half-open" : this.current;
  }

  /** Whether a call may go out now; a true answer in half-open is the probe, owed a `succeeded` or `failed`. */
  tryAcquire(): boolean {
    if (this.current === "closed") return true;
    if (this.current === "open") {
      if (!this.coolDownOver()) return false;
      this.moveTo("half-open");
    }
    if (this.probing) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.failures = 0;
    this.probing = false;
    if (this.current !== "closed") this.moveTo("closed");
  }

  failed(): void {
    this.probing = false;
    this.failures += 1;
    if (
      this.current === "half-open" ||
      (this.current === "closed" && this.failures >= this.failureThreshold)
    ) {
      this.openedAt = this.now();
      this.moveTo("open");
    }
  }

  private coolDownOver(): boolean {
    return this.now() - this.openedAt >= this.coolDownMs;
  }

  private moveTo(state: CircuitState): void {
    this.current = state;
    this.options.onStateChange?.(state);
  }
}
