import type { SqlExecutor } from "../events/sql.ts";

/** Where a saga is: waiting on a step, done, or undone after a step failed or timed out. */
export type SagaStatus = "RUNNING" | "COMPLETED" | "COMPENSATED";

/** A saga instance as its steps see it. `data` is JSON: what the saga started with and what steps added. */
export interface SagaState<D> {
  id: string;
  saga: string;
  /** The index of the step it is at (waiting on it, or the one that failed). */
  step: number;
  status: SagaStatus;
  data: D;
  /** Why it was compensated. */
  failure: string | null;
}

/** What a step runs with: the owning subgraph's transaction, its clock, and work to do after commit. */
export interface SagaContext {
  tx: SqlExecutor;
  now: Date;
  /** Runs `effect` once the transaction committed (a push to subscribers); never if it rolls back. */
  afterCommit(effect: () => void | Promise<void>): void;
}

export interface SagaStep<D> {
  name: string;
  /**
   * Does the step inside the saga's transaction: a local write, or a command to another subgraph
   * written to the outbox. Returns data to merge into the saga's. Throwing `SagaStepFailed` fails the
   * saga (compensations run, in the same transaction); any other error rolls the transaction back.
   */
  run(saga: SagaState<D>, ctx: SagaContext): Promise<Partial<D> | undefined>;
  /**
   * For a step whose outcome comes back as a message (`resumeSaga`): how long to wait for it before
   * the saga fails as timed out. A step without it is done when `run` returns.
   */
  replyTimeoutMs?: number;
  /**
   * Undoes the step when it or a later one failed or timed out. It must be safe when there is nothing
   * to undo (its command may not have arrived yet) and when repeated (a late success is compensated
   * again): a command written to the outbox is how a remote step is undone.
   */
  compensate?(saga: SagaState<D>, reason: string, ctx: SagaContext): Promise<void>;
}

export interface SagaDefinition<D> {
  /** Stored on each instance; one subgraph's sagas share its `saga_instances` table. */
  name: string;
  steps: readonly SagaStep<D>[];
}

/** A saga's steps, checked: at least one, names unique (replies name the step they answer). */
export function defineSaga<D>(definition: SagaDefinition<D>): SagaDefinition<D> {
  const names = definition.steps.map((step) => step.name);
  if (names.length === 0) throw new Error(`saga ${definition.name} has no steps`);
  if (new Set(names).size !== names.length) throw new Error(`saga ${definition.name} repeats a step name`);
  return definition;
}

/** Thrown by a step's `run` when the saga cannot go on: its compensations run and it ends COMPENSATED. */
export class SagaStepFailed extends Error {
  override name = "SagaStepFailed";
}
