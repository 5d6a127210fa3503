import { type Actor, hasRole } from "@health/platform/auth";

/** A user's points (balance and history) are theirs and the admins' to read, no one else's. */
export const canReadPoints = (actor: Actor | null, userId: string): boolean =>
  actor !== null && (actor.userId === userId || hasRole(actor, "admin"));
