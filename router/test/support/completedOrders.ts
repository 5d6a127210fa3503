import type { graphqlClient } from "./graphqlClient.ts";
import { orderInput, settledOrderStatus } from "./orders.ts";
import type { Person } from "./people.ts";

type Request = ReturnType<typeof graphqlClient>;

async function ok<T>(request: Request, query: string, variables: Record<string, unknown>, token: string) {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(`${query.slice(0, 60)}… failed: ${JSON.stringify(errors)}`);
  return data;
}

/** An OPEN order of `customer` in `region` needing a coach of `minCoachLevel`: created, its payment authorized. */
export async function openOrderAtLevel(
  request: Request,
  customer: Person,
  region: string,
  minCoachLevel: number,
): Promise<string> {
  const created = await ok<{ createServiceOrder: { id: string } }>(
    request,
    "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }",
    { input: { ...orderInput(region), minCoachLevel } },
    customer.token,
  );
  const id = created.createServiceOrder.id;
  const status = await settledOrderStatus(request, customer, id);
  if (status !== "OPEN") throw new Error(`order ${id} did not open: it is ${status}`);
  return id;
}

/**
 * A real order completed through the router: `coach` grabs it, serves it and marks it done, and
 * `customer` confirms; trade then publishes service_completed. Its id.
 */
export async function completedOrder(
  request: Request,
  customer: Person,
  coach: Person,
  region: string,
): Promise<string> {
  const id = await openOrderAtLevel(request, customer, region, 1);
  await ok(request, "mutation($id: ID!) { grabOrder(orderId: $id) { id } }", { id }, coach.token);
  for (const status of ["IN_SERVICE", "AWAITING_CONFIRMATION"]) {
    await ok(
      request,
      "mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(orderId: $id, status: $status) { status } }",
      { id, status },
      coach.token,
    );
  }
  await ok(
    request,
    "mutation($id: ID!) { confirmOrderCompletion(orderId: $id) { status } }",
    { id },
    customer.token,
  );
  return id;
}
