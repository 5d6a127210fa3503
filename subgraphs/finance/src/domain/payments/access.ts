import { type Actor, hasRole } from "@health/platform/auth";

/** A payment is its payer's and the admins' to see, no one else's. */
export const canReadPayment = (actor: Actor, payerId: string): boolean =>
  actor.userId === payerId || hasRole(actor, "admin");
