/** One step of shutting down: stop a loop, close a connection. */
export type CleanupStep = () => Promise<void> | void;

/**
 * What a subgraph started, to be stopped in reverse order (Hive Gateway's AsyncDisposableStack, which
 * Node 20 lacks): the relay that publishes over NATS stops before NATS closes. Every step runs even when
 * an earlier one failed; the first failure is thrown at the end.
 */
export class CleanupStack {
  private readonly steps: CleanupStep[] = [];

  defer(step: CleanupStep): void {
    this.steps.push(step);
  }

  async close(): Promise<void> {
    let failure: unknown;
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }
}
