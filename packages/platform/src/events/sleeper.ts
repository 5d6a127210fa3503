/**
 * A sleep that `wake()` ends early: stop(), a NATS reconnect or a new outbox row should not wait out
 * a backoff or a fallback poll. A wake that comes while nobody sleeps is kept for the next sleep, so a
 * notification that arrives during a relay's pass is not lost.
 */
export class Sleeper {
  private wakeUp: (() => void) | undefined;
  private woken = false;

  sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wakeUp === done) self.wakeUp = undefined;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
