import type { graphqlClient } from "./graphqlClient.ts";
import type { Person } from "./people.ts";

type Request = ReturnType<typeof graphqlClient>;

/** A nutrition consultation in `region` that coaches of level 2 and up may grab. */
export const orderInput = (region: string) => ({
  serviceType: "consultation",
  specialty: "nutrition",
  region,
  priceAmount: 19_900,
  minCoachLevel: 2,
  description: "Help me plan meals for a marathon block.",
});

/** `createServiceOrder` as `customer`, the answer as it came (a test of failures reads its errors). */
export function placeOrder(
  request: Request,
  customer: Person,
  region: string,
  headers: Record<string, string> = {},
) {
  return request<{ createServiceOrder: { id: string } }>(
    "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
    { input: orderInput(region) },
    customer.token,
    headers,
  );
}

/** An open order's id; throws with the errors when it could not be created. */
export async function openOrder(
  request: Request,
  customer: Person,
  region: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const { data, errors } = await placeOrder(request, customer, region, headers);
  if (!data) throw new Error(`createServiceOrder failed: ${JSON.stringify(errors)}`);
  return data.createServiceOrder.id;
}
