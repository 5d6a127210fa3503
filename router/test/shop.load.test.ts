import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireOverdueReservations } from "../../subgraphs/ec/src/domain/shopOrders/shopOrders.ts";
import { adminOf } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Buying in the mall through the router (issue 19): placeShopOrder reserves stock in ec, finance's local
// provider authorizes and captures the payment by its signed webhook, and ec marks the order PAID
// (the shop-order payment saga). The provider answers after 1.5 s here, so a reservation can lapse
// before its payment comes. A flash sale queues: 1,000 checkouts at once on this machine's two cores
// (router, six subgraphs, Postgres and this client) take longer than the router's default 5 s deadline,
// so ec's is 30 s here, as SUBGRAPH_TIMEOUT_MS_EC sets it for a deployment that expects such sales.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let admin: Person;

beforeAll(async () => {
  platform = await startPlatform({
    ec: true,
    financeEnv: { LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: "1500" },
    router: { subgraphFailures: { timeoutMsBySubgraph: { EC: 30_000 } } },
  });
  request = graphqlClient(platform.url);
  admin = await adminOf(platform, request);
});
afterAll(async () => {
  await platform?.close();
});

const PLACE = `mutation($input: PlaceShopOrderInput!) { placeShopOrder(input: $input) { id status } }`;
const ORDER = `query($id: ID!) { shopOrder(id: $id) { id status totalAmount cancelReason } }`;

/** A new ACTIVE product with one SKU of `stock` units at `priceAmount`: the SKU's id. */
async function skuWith(stock: number, priceAmount = 19_900): Promise<string> {
  const category = await request<{ createProductCategory: { id: string } }>(
    "mutation($input: CreateProductCategoryInput!) { createProductCategory(input: $input) { id } }",
    { input: { name: `Monitors ${Date.now()} ${Math.random()}` } },
    admin.token,
  );
  const product = await request<{ createProduct: { skus: Array<{ id: string }> } }>(
    "mutation($input: CreateProductInput!) { createProduct(input: $input) { skus { id } } }",
    {
      input: {
        name: "Blood pressure monitor",
        description: "An upper-arm monitor.",
        categoryId: category.data!.createProductCategory.id,
        skus: [{ code: `BPM-${Date.now()}-${Math.random()}`, priceAmount, stock }],
      },
    },
    admin.token,
  );
  if (!product.data) throw new Error(JSON.stringify(product.errors));
  return product.data.createProduct.skus[0]!.id;
}

const stockOf = async (skuId: string) =>
  (await platform.ecDeps!.db.sku.findUniqueOrThrow({ where: { id: skuId } })).stock;

/** Polls until `read` holds `done`, at most `timeoutMs`; the last value read. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("the mall through the router", () => {
  it("turns 1,000 concurrent purchases of stock 100 into exactly 100 paid orders, stock 0 and 900 clear CONFLICTs", async () => {
    const skuId = await skuWith(100);
    const buyers = await Promise.all(Array.from({ length: 20 }, (_, i) => signUp(request, `Buyer${i}`)));
    const answers = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        request<{ placeShopOrder: { id: string; status: string } }>(
          PLACE,
          { input: { items: [{ skuId, quantity: 1 }] } },
          buyers[i % buyers.length]!.token,
        ),
      ),
    );
    const placed = answers.flatMap((answer) => (answer.data ? [answer.data.placeShopOrder.id] : []));
    const refused = answers.filter((answer) => answer.errors);
    expect(placed).toHaveLength(100);
    expect(refused).toHaveLength(900);
    for (const answer of refused) {
      expect(answer.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(answer.errors?.[0]?.message).toMatch(/out of stock|only \d+ left/);
    }
    expect(await stockOf(skuId)).toBe(0);

    // Each reserved order is paid by finance's saga: 100 PAID orders, 100 captured payments, one each.
    const ec = platform.ecDeps!.db;
    const paid = await until(
      () => ec.shopOrder.count({ where: { id: { in: placed }, status: "PAID" } }),
      (count) => count === 100,
    );
    expect(paid).toBe(100);
    const payments = await platform.financeDb!.payment.findMany({ where: { id: { in: placed } } });
    expect(payments).toHaveLength(100);
    expect(
      payments.every((payment) => payment.status === "CAPTURED" && payment.capturedAmount === 19_900),
    ).toBe(true);
    expect(await stockOf(skuId)).toBe(0);
    expect(
      await ec.outboxEvent.count({
        where: { subject: "ec.product_purchased.v1", aggregateId: { in: placed } },
      }),
    ).toBe(100);
  }, 180_000);

  it("gives an unpaid reservation's stock back when it lapses, and the late payment is voided", async () => {
    const skuId = await skuWith(3);
    const buyer = await signUp(request, "Slowpayer");
    const placed = await request<{ placeShopOrder: { id: string; status: string } }>(
      PLACE,
      { input: { items: [{ skuId, quantity: 2 }] } },
      buyer.token,
    );
    const id = placed.data!.placeShopOrder.id;
    expect(placed.data!.placeShopOrder.status).toBe("RESERVED");
    expect(await stockOf(skuId)).toBe(1);

    // The window passes before the provider answers (1.5 s): the sweeper's run, at the deadline.
    const { reservedUntil } = await platform.ecDeps!.db.shopOrder.findUniqueOrThrow({ where: { id } });
    expect(await expireOverdueReservations(platform.ecDeps!, reservedUntil)).toContain(id);
    expect(await stockOf(skuId)).toBe(3);
    const order = await request<{ shopOrder: { status: string; cancelReason: string } }>(
      ORDER,
      { id },
      buyer.token,
    );
    expect(order.data?.shopOrder).toMatchObject({
      status: "EXPIRED",
      cancelReason: "not paid within its reservation window",
    });

    // finance heard of the expiry before its provider answered: the hold is voided once granted.
    const payment = await until(
      () => platform.financeDb!.payment.findUnique({ where: { id } }),
      (row) => row?.status === "VOIDED",
    );
    expect(payment).toMatchObject({ status: "VOIDED", capturedAmount: 0, releaseRequested: true });
    expect(
      (await request<{ shopOrder: { status: string } }>(ORDER, { id }, buyer.token)).data?.shopOrder.status,
    ).toBe("EXPIRED");
  }, 60_000);
});
