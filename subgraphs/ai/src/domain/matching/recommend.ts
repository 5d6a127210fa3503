import { badInput, forbidden } from "@health/platform/errors";
import type { AiDb } from "../../db.ts";
import { candidateFacts } from "./projections.ts";
import { type OrderFacts, type Recommendation, rankCoaches } from "./rank.ts";

export const MAX_RECOMMENDATIONS = 20;

/**
 * The order's facts as the router brought them from trade (`@requires`). trade resolves a ServiceOrder
 * only for whom may see it (customer, assigned coach, admin); for anyone else the fields are missing,
 * and ai refuses rather than ranking on nothing.
 */
export function orderFactsOf(order: {
  id: string;
  specialty?: unknown;
  region?: unknown;
  minCoachLevel?: unknown;
  customer?: { id?: unknown } | null;
}): OrderFacts {
  const { specialty, region, minCoachLevel } = order;
  if (typeof specialty !== "string" || typeof region !== "string" || typeof minCoachLevel !== "number") {
    throw forbidden(`You may not see service order ${order.id}, so ai cannot rank coaches for it.`);
  }
  const customerId = typeof order.customer?.id === "string" ? order.customer.id : null;
  return { specialty, region, minCoachLevel, customerId };
}

export async function recommendCoaches(
  db: AiDb,
  order: OrderFacts,
  first: number,
): Promise<Recommendation[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_RECOMMENDATIONS) {
    throw badInput("first", `first must be a whole number from 1 to ${MAX_RECOMMENDATIONS}; got ${first}.`);
  }
  return rankCoaches(order, await candidateFacts(db, order), first);
}
