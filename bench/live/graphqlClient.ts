import { ROUTER_SIGNATURE_HEADER, type RouterSigner } from "@health/platform/auth";
import { orderInput } from "../../router/test/support/orders.ts";

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Someone the bench acts as: a user id and an access token for it. */
export interface Person {
  id: string;
  token: string;
}

/** POSTs to `url`; `signer` signs as the router does, for calls straight to a subgraph. */
export function graphql(url: string, signer?: RouterSigner) {
  const path = new URL(url).pathname;
  return async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>> => {
    const body = JSON.stringify({ query, variables });
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    if (signer)
      headers[ROUTER_SIGNATURE_HEADER] = signer.sign({
        method: "POST",
        path,
        body,
        authorization: headers.authorization,
      });
    const response = await fetch(url, { method: "POST", headers, body });
    return (await response.json()) as GraphQLResponse<T>;
  };
}

export type Request = ReturnType<typeof graphql>;

const CREATE_ORDER =
  "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id } }";

/**
 * An open service order in `region`, created through `request` as `customer`. Free (price 0), so it
 * opens at once: this bench measures the grab notification's path, not the payment saga in front of it
 * (a paid order opens once finance has authorized its payment; bench/money measures payments).
 */
export async function createOrder(request: Request, customer: Person, region: string): Promise<string> {
  const result = await request<{ createServiceOrder: { id: string } }>(
    CREATE_ORDER,
    { input: { ...orderInput(region), priceAmount: 0 } },
    customer.token,
  );
  if (result.errors) throw new Error(`createServiceOrder: ${JSON.stringify(result.errors)}`);
  return result.data!.createServiceOrder.id;
}
