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

/** The order's status as its customer sees it through the router. */
export async function orderStatus(request: Request, customer: Person, orderId: string): Promise<string> {
  const { data, errors } = await request<{ serviceOrder: { status: string } }>(
    "query($id: ID!) { serviceOrder(id: $id) { status } }",
    { id: orderId },
    customer.token,
  );
  if (!data) throw new Error(`serviceOrder failed: ${JSON.stringify(errors)}`);
  return data.serviceOrder.status;
}

/**
 * The order's status once finance answered its payment (no longer CREATED): OPEN when the local
 * provider authorized it, CANCELLED when it declined. Throws after `timeoutMs` still CREATED.
 */
export async function settledOrderStatus(
  request: Request,
  customer: Person,
  orderId: string,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await orderStatus(request, customer, orderId);
    if (status !== "CREATED") return status;
    if (Date.now() > deadline) throw new Error(`order ${orderId} still waits for its payment`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * An open order's id: created, then opened once finance authorized its payment (the order-payment
 * saga). Throws with the errors when it could not be created, or when it did not open.
 */
export async function openOrder(
  request: Request,
  customer: Person,
  region: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const { data, errors } = await placeOrder(request, customer, region, headers);
  if (!data) throw new Error(`createServiceOrder failed: ${JSON.stringify(errors)}`);
  const id = data.createServiceOrder.id;
  const status = await settledOrderStatus(request, customer, id);
  if (status !== "OPEN") throw new Error(`order ${id} did not open: it is ${status}`);
  return id;
}
