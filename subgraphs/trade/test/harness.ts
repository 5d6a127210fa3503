import { coachLevelChangedV1, paymentAuthorizedV1, paymentFailedV1 } from "@health/events/catalog";
import { loadConfig } from "@health/platform/config";
import { prepareEvent } from "@health/platform/events";
import { createLogger } from "@health/platform/logging";
import { eventually, startSubgraphHarness } from "@health/platform/testing";
import { tradeConfigSchema } from "../src/config.ts";
import { connectTrade } from "../src/connect.ts";
import { tradeSubgraph } from "../src/subgraph.ts";

/**
 * The trade subgraph on a free port over its own fresh database, its outbox relay publishing to
 * streams of its own (a random prefix, deleted at close), Redis keys under a random prefix, and a real
 * token issuer.
 */
export async function startTradeSubgraph(env: Record<string, string> = {}) {
  const harness = await startSubgraphHarness({
    definition: tradeSubgraph,
    loadConfig: (vars) => loadConfig(tradeConfigSchema, vars),
    connect: (config, isolation) =>
      connectTrade(config, {
        ...isolation,
        logger: createLogger("trade", "silent"),
        // Tests call expireOverdueOrders themselves; a background sweep would race them.
        expirySweeper: false,
      }),
    env,
  });
  const { deps } = harness;

  /**
   * ops's coach_level_changed for `coachId`, published on this file's streams as ops's relay would
   * (a coach's level comes from ops only). Waits until trade's consumer handled it (its inbox row),
   * whatever it did with it. The event's id.
   */
  const publishLevel = async (coachId: string, level: number, sequence: number) => {
    const { envelope } = prepareEvent(
      coachLevelChangedV1,
      {
        coachId,
        level,
        previousLevel: null,
        sequence,
        basis: { completedOrders: 0, averageRating: null, ratings: 0, verifiedCertificates: 0 },
        changedAt: new Date().toISOString(),
      },
      { aggregateId: coachId },
    );
    await harness.publish(coachLevelChangedV1, envelope);
    await eventually(
      () => deps.db.inboxEvent.findFirst({ where: { eventId: envelope.id } }),
      (row) => row !== null,
    );
    return envelope.id;
  };

  /**
   * A coach whose matching rules are set (`profileInput(overrides)`) and whose level (`overrides.level`,
   * 3 by default) came from ops as in production (the coach never chooses it), as its first change.
   */
  const coachWithProfile = async ({ level = 3, ...overrides }: Record<string, unknown> = {}) => {
    const coach = await harness.person(["coach"]);
    const result = await harness.request(SET_PROFILE, { input: profileInput(overrides) }, coach.token);
    if (result.errors) throw new Error(`setCoachProfile failed: ${JSON.stringify(result.errors)}`);
    if (level !== 1) await publishLevel(coach.id, level as number, 1);
    return coach;
  };

  /** Creates an order as `customer` (`orderInput(overrides)`); it waits in CREATED for its payment. Its id. */
  const createOrder = async (customer: { token: string }, overrides: Record<string, unknown> = {}) => {
    const result = await harness.request<{ createServiceOrder: { id: string } }>(
      CREATE_ORDER,
      { input: orderInput(overrides) },
      customer.token,
    );
    if (!result.data) throw new Error(`createServiceOrder failed: ${JSON.stringify(result.errors)}`);
    return result.data.createServiceOrder.id;
  };

  /**
   * Finance's answer to an order's payment request, published on this file's streams as finance's relay
   * would: trade's own consumer takes it from there.
   */
  const answerPayment = async (orderId: string, answer: { declined?: string } = {}) => {
    const order = await deps.db.serviceOrder.findUniqueOrThrow({ where: { id: orderId } });
    const common = {
      paymentId: orderId,
      requestId: orderId,
      requester: "trade" as const,
      payerId: order.customerId,
    };
    const now = new Date().toISOString();
    const { envelope } = answer.declined
      ? prepareEvent(
          paymentFailedV1,
          { ...common, reason: answer.declined, failedAt: now },
          { aggregateId: orderId },
        )
      : prepareEvent(
          paymentAuthorizedV1,
          { ...common, amount: order.priceAmount, currency: order.currency, authorizedAt: now },
          { aggregateId: orderId },
        );
    await harness.publish(answer.declined ? paymentFailedV1 : paymentAuthorizedV1, envelope);
  };

  /** The order's status once it is no longer CREATED (its payment was answered), or CREATED after 10 s. */
  const settledStatus = async (orderId: string) => {
    const order = await eventually(
      () => deps.db.serviceOrder.findUniqueOrThrow({ where: { id: orderId } }),
      ({ status }) => status !== "CREATED",
    );
    return order.status;
  };

  /**
   * Creates an order as `customer` and has its payment authorized, as finance would; it is OPEN for
   * grabbing when this returns. Its id.
   */
  const openOrder = async (customer: { token: string }, overrides: Record<string, unknown> = {}) => {
    const id = await createOrder(customer, overrides);
    await answerPayment(id);
    const status = await settledStatus(id);
    if (status !== "OPEN") throw new Error(`order ${id} did not open: it is ${status}`);
    return id;
  };

  return {
    ...harness,
    db: deps.db,
    coachWithProfile,
    publishLevel,
    createOrder,
    answerPayment,
    settledStatus,
    openOrder,
    eventually,
  };
}

export type TradeHarness = Awaited<ReturnType<typeof startTradeSubgraph>>;

export const CREATE_ORDER = `mutation Create($input: CreateServiceOrderInput!) {
  createServiceOrder(input: $input) { id status priceAmount currency customer { id } coach { id } }
}`;
export const SET_PROFILE = `mutation Profile($input: SetCoachProfileInput!) {
  setCoachProfile(input: $input) { level capacity specialties regions }
}`;
export const GRAB = `mutation Grab($orderId: ID!) { grabOrder(orderId: $orderId) { id status coach { id } } }`;
export const UPDATE_STATUS = `mutation Status($orderId: ID!, $status: OrderStatus!) {
  updateOrderStatus(orderId: $orderId, status: $status) { id status }
}`;

export const orderInput = (overrides: Record<string, unknown> = {}) => ({
  serviceType: "nutrition-consult",
  specialty: "nutrition",
  region: "shanghai",
  priceAmount: 19_900,
  minCoachLevel: 2,
  description: "Help me plan meals for a marathon.",
  ...overrides,
});

export const profileInput = (overrides: Record<string, unknown> = {}) => ({
  specialties: ["nutrition"],
  regions: ["shanghai"],
  capacity: 3,
  ...overrides,
});
