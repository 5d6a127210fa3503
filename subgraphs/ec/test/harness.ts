import { paymentFailedV1, paymentSuccessV1 } from "@health/events/catalog";
import { loadConfig } from "@health/platform/config";
import { prepareEvent } from "@health/platform/events";
import { eventually, startSubgraphHarness } from "@health/platform/testing";
import { ecConfigSchema } from "../src/config.ts";
import { connectEc } from "../src/connect.ts";
import { ecSubgraph } from "../src/subgraph.ts";

/**
 * The ec subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close). The reservation
 * sweeper is off: tests expire reservations by calling the domain with a `now` of their choosing.
 */
export async function startEcSubgraph() {
  const harness = await startSubgraphHarness({
    definition: ecSubgraph,
    loadConfig: (env) => loadConfig(ecConfigSchema, env),
    connect: (config, isolation) => connectEc(config, { ...isolation, reservationSweeper: false }),
  });

  let admin: { token: string } | undefined;
  /** Runs `query` as an admin (one per harness), failing the test on any error. */
  const asAdmin = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    admin ??= await harness.person(["user", "admin"]);
    const result = await harness.request<T>(query, variables, admin.token);
    if (!result.data || result.errors) throw new Error(`as admin: ${JSON.stringify(result.errors)}`);
    return result.data;
  };

  /** A new category's id. */
  const category = async (name: string) =>
    (await asAdmin<{ createProductCategory: { id: string } }>(CREATE_CATEGORY, { input: { name } }))
      .createProductCategory.id;

  /** A new product (`productInput(categoryId, overrides)`), its id. */
  const product = async (categoryId: string, overrides: Record<string, unknown> = {}) =>
    (
      await asAdmin<{ createProduct: { id: string } }>(CREATE_PRODUCT, {
        input: productInput(categoryId, overrides),
      })
    ).createProduct.id;

  let shelf: string | undefined;
  /** A new SKU (of a new ACTIVE product on a shelf of this harness) with `stock` units: its id. */
  const sku = async (stock: number, overrides: Record<string, unknown> = {}) => {
    shelf ??= await category(`Shelf ${Date.now()}`);
    const input = productInput(shelf);
    const created = await asAdmin<{ createProduct: { skus: { id: string }[] } }>(CREATE_SKU, {
      input: { ...input, skus: [{ ...input.skus[0], stock, ...overrides }] },
    });
    return created.createProduct.skus[0]?.id as string;
  };

  /**
   * Finance's answer to a shop order's payment request, published on this file's streams as finance's
   * relay would (payment_success, or payment_failed with the reason `declined`): ec's consumer takes it.
   */
  const answerPayment = async (shopOrderId: string, answer: { declined?: string } = {}) => {
    const order = await harness.deps.db.shopOrder.findUniqueOrThrow({ where: { id: shopOrderId } });
    const common = { paymentId: shopOrderId, requestId: shopOrderId, requester: "ec" as const };
    const now = new Date().toISOString();
    if (answer.declined) {
      const payload = { ...common, payerId: order.buyerId, reason: answer.declined, failedAt: now };
      const { envelope } = prepareEvent(paymentFailedV1, payload, { aggregateId: shopOrderId });
      return harness.publish(paymentFailedV1, envelope);
    }
    const payload = {
      ...common,
      payerId: order.buyerId,
      reference: `shop_order:${shopOrderId}`,
      amount: order.totalAmount,
      currency: order.currency,
      paidAt: now,
    };
    const { envelope } = prepareEvent(paymentSuccessV1, payload, { aggregateId: shopOrderId });
    return harness.publish(paymentSuccessV1, envelope);
  };

  /** The shop order's status once it is no longer RESERVED (its payment was answered), or after 10 s. */
  const settledStatus = async (shopOrderId: string) =>
    (
      await eventually(
        () => harness.deps.db.shopOrder.findUniqueOrThrow({ where: { id: shopOrderId } }),
        (order) => order.status !== "RESERVED",
      )
    ).status;

  return {
    ...harness,
    db: harness.deps.db,
    asAdmin,
    category,
    product,
    sku,
    answerPayment,
    settledStatus,
    eventually,
  };
}

export type EcHarness = Awaited<ReturnType<typeof startEcSubgraph>>;

export const CREATE_CATEGORY = `mutation Category($input: CreateProductCategoryInput!) {
  createProductCategory(input: $input) { id name }
}`;
export const CREATE_PRODUCT = `mutation Product($input: CreateProductInput!) {
  createProduct(input: $input) {
    id name description status category { id name }
    skus { code priceAmount currency attributes stock }
  }
}`;

const CREATE_SKU = `mutation Sku($input: CreateProductInput!) { createProduct(input: $input) { skus { id } } }`;

let skuNumber = 0;
export const productInput = (categoryId: string, overrides: Record<string, unknown> = {}) => ({
  name: "Blood pressure monitor",
  description: "An upper-arm monitor.",
  categoryId,
  skus: [{ code: `SKU-${++skuNumber}-${Date.now()}`, priceAmount: 19_900, stock: 5 }],
  ...overrides,
});

export const HOUR = 3_600_000;

/** A campaign input, by default CPC 100 with a budget of 1,000, live for a day from an hour ago. */
export const campaignInput = (overrides: Record<string, unknown> = {}) => ({
  name: "Walk more",
  creative: { title: "Walk 10,000 steps", body: "With a coach.", targetUrl: "https://example.com/walk" },
  budgetAmount: 1_000,
  pricingModel: "CPC",
  priceAmount: 100,
  startsAt: new Date(Date.now() - HOUR).toISOString(),
  endsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
  placements: ["FEED"],
  ...overrides,
});
