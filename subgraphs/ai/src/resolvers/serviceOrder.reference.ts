import type { ServiceOrder } from "../model/serviceOrder.ts";

/** trade owns ServiceOrder: ai keeps the key and the fields the router brought for `@requires`. */
export const resolveServiceOrderReference = (
  reference: { __typename: string } & Record<string, unknown>,
): ServiceOrder => ({
  id: String(reference.id),
  specialty: reference.specialty as ServiceOrder["specialty"],
  region: reference.region as ServiceOrder["region"],
  minCoachLevel: reference.minCoachLevel as ServiceOrder["minCoachLevel"],
  customer: reference.customer as ServiceOrder["customer"],
});
