import type { Actor } from "@health/platform/auth";
import { fetchesOnlyCallerIndependentFields } from "./callerIndependentFields.ts";
import type { SubscriptionPlan } from "./subscriptionPlanner.ts";

// The sharing rule of README.md (beside this file), as keys. A key is JSON of its parts, so no two
// different tuples can produce the same key.

export interface OperationIdentity {
  operationName: string | null;
  /** The printed document. */
  query: string;
  variables: Record<string, unknown>;
}

/** A group only this caller (the same token) joins: always sound, whatever the plan fetches. */
export const callerGroupKey = (actor: Actor | null, operation: OperationIdentity): string =>
  JSON.stringify([
    "caller",
    actor?.token ?? null,
    operation.operationName,
    operation.query,
    operation.variables,
  ]);

/** A group any caller joins whom the owning subgraph admitted into `scope` for this field and arguments. */
export const scopeGroupKey = (subgraph: string, scope: string, operation: OperationIdentity): string =>
  JSON.stringify(["scope", subgraph, scope, operation.operationName, operation.query, operation.variables]);

/**
 * Callers may share a group only when every field of the operation comes from the owning subgraph's
 * event, or from entity fetches of caller-independent fields only (`callerIndependent`, run
 * anonymously): any other entity fetch runs with one caller's token, and what it returns may be that
 * caller's alone.
 */
export const mayShareAcrossCallers = (
  plan: SubscriptionPlan,
  callerIndependent: ReadonlySet<string>,
): boolean => plan.rest === undefined || fetchesOnlyCallerIndependentFields(plan.rest, callerIndependent);
