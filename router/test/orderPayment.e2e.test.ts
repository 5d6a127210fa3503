import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpGrabbingCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { openOrder, orderInput, settledOrderStatus } from "./support/orders.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";
import { type SubgraphProcess, startSubgraphProcess } from "./support/subgraphProcess.ts";

// The order-payment saga through the router (issue 19, the seed's OrderCreationSaga). The API runs in
// this process; trade's and finance's event consumers, which carry the saga between them, run in child
// processes of their own, so the test can kill them in the middle of it as an operator's machine would.
// A killed consumer's unacknowledged message comes back after JetStream's ack wait (30 s).

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let tradeWorker: SubgraphProcess;
let financeWorker: SubgraphProcess;

beforeAll(async () => {
  platform = await startPlatform({
    consumersElsewhere: ["trade", "finance"],
    financeEnv: { LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: "200" },
  });
  request = graphqlClient(platform.url);
  [tradeWorker, financeWorker] = await Promise.all([
    startSubgraphProcess("trade", { DATABASE_URL: platform.databaseUrls.trade, ...platform.joinEnv }),
    startSubgraphProcess("finance", {
      DATABASE_URL: platform.databaseUrls.finance!,
      LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: "200",
      ...platform.joinEnv,
    }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([tradeWorker?.stop(), financeWorker?.stop()]);
  await platform?.close();
});

const finance = () => platform.financeDb!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(JSON.stringify(errors));
  return data;
};

/** A new order in `region` as `customer`, waiting for its payment: its id. */
async function created(customer: Person, region: string, priceAmount = 19_900): Promise<string> {
  const { createServiceOrder } = await ok<{ createServiceOrder: { id: string; status: string } }>(
    "mutation($input: CreateServiceOrderInput!) { createServiceOrder(input: $input) { id status } }",
    { input: { ...orderInput(region), priceAmount } },
    customer.token,
  );
  expect(createServiceOrder.status).toBe("CREATED");
  return createServiceOrder.id;
}

/** What the saga left behind for order `id`, across trade and finance. */
async function outcomeOf(id: string) {
  const [order, saga, payment, charges, transfers, tradeEvents, financeEvents] = await Promise.all([
    platform.tradeDb.serviceOrder.findUniqueOrThrow({ where: { id } }),
    platform.tradeDb.sagaInstance.findUnique({ where: { id } }),
    finance().payment.findUnique({ where: { id } }),
    finance().localProviderCharge.findMany({ where: { paymentId: id } }),
    finance().ledgerTransfer.count({ where: { sourceRef: { contains: id } } }),
    platform.tradeDb.outboxEvent.findMany({ where: { aggregateId: id }, orderBy: { id: "asc" } }),
    finance().outboxEvent.findMany({ where: { aggregateId: id }, orderBy: { id: "asc" } }),
  ]);
  return {
    order: { status: order.status, cancelReason: order.cancelReason },
    saga: saga?.status,
    payment: payment && { status: payment.status, amount: payment.amount, captured: payment.capturedAmount },
    charges: charges.map((charge) => charge.status),
    transfers,
    tradeEvents: tradeEvents.map((row) => row.subject),
    financeEvents: financeEvents.map((row) => row.subject),
  };
}

/** A resumed saga's end: the order opened, one payment held once, each event once. */
const OPENED_ONCE = {
  order: { status: "OPEN", cancelReason: null },
  saga: "COMPLETED",
  payment: { status: "AUTHORIZED", amount: 19_900, captured: 0 },
  charges: ["HELD"],
  transfers: 0,
  tradeEvents: ["trade.order_payment_requested.v1", "trade.order_created.v1"],
  financeEvents: ["finance.payment_authorized.v1"],
};

describe("the order-payment saga through the router", () => {
  it("cancels the order when the provider declines: the hold is released and no money moves", async () => {
    const customer = await signUp(request, "Declined");
    const id = await created(customer, "nanjing", 1_666); // the local provider declines …666
    expect(await settledOrderStatus(request, customer, id)).toBe("CANCELLED");
    expect(await outcomeOf(id)).toEqual({
      order: { status: "CANCELLED", cancelReason: "the payment was declined (card_declined)" },
      saga: "COMPENSATED",
      payment: { status: "FAILED", amount: 1_666, captured: 0 },
      charges: ["DECLINED"],
      transfers: 0,
      tradeEvents: ["trade.order_payment_requested.v1", "trade.order_cancelled.v1"],
      financeEvents: ["finance.payment_failed.v1"],
    });
  });

  it("captures and settles a completed order: coach payout + platform fee = the captured amount", async () => {
    const customer = await signUp(request, "Served");
    const coach = await signUpGrabbingCoach(platform, request, "Settled", { region: "wuxi" });
    const id = await openOrder(request, customer, "wuxi");
    expect((await finance().payment.findUniqueOrThrow({ where: { id } })).status).toBe("AUTHORIZED");
    await ok("mutation($id: ID!) { grabOrder(orderId: $id) { id } }", { id }, coach.token);
    for (const status of ["IN_SERVICE", "AWAITING_CONFIRMATION"]) {
      await ok(
        "mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(orderId: $id, status: $status) { status } }",
        { id, status },
        coach.token,
      );
    }
    await ok(
      "mutation($id: ID!) { confirmOrderCompletion(orderId: $id) { status } }",
      { id },
      customer.token,
    );

    const settlement = await eventually(
      () => finance().settlement.findUnique({ where: { orderId: id } }),
      (row) => row !== null,
      30_000,
    );
    const payment = await finance().payment.findUniqueOrThrow({ where: { id } });
    expect(payment).toMatchObject({ status: "CAPTURED", capturedAmount: 19_900 });
    expect(settlement).toMatchObject({ coachId: coach.id, amount: 19_900 });
    expect(settlement!.coachPayout + settlement!.platformFee).toBe(payment.capturedAmount);
    const payable = await finance().ledgerAccount.findFirstOrThrow({
      where: { owner: coach.id, kind: "COACH_PAYABLE", unit: "CNY" },
    });
    expect(payable.balance).toBe(BigInt(settlement!.coachPayout));

    // The coach sees it in their settlement report, through the router.
    const period = {
      from: new Date(Date.now() - 3_600_000).toISOString(),
      to: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const report = await ok<{ settlementReport: { nodes: Array<{ orderId: string; coachPayout: number }> } }>(
      "query($from: DateTimeISO!, $to: DateTimeISO!) { settlementReport(from: $from, to: $to) { nodes { orderId coachPayout } } }",
      period,
      coach.token,
    );
    expect(report.settlementReport.nodes).toEqual([{ orderId: id, coachPayout: settlement!.coachPayout }]);
  }, 60_000);

  it("resumes when finance is killed while it handles the payment request, and ends consistent", async () => {
    const customer = await signUp(request, "Resumed");
    financeWorker.freeze();
    const id = await created(customer, "suzhou");
    await sleep(500); // the request reaches the frozen finance, which holds it unacknowledged
    await financeWorker.kill();
    expect((await outcomeOf(id)).order.status).toBe("CREATED");
    await financeWorker.restart();

    expect(await settledOrderStatus(request, customer, id, 60_000)).toBe("OPEN");
    expect(await outcomeOf(id)).toEqual(OPENED_ONCE);
  }, 90_000);

  it("resumes when trade is killed while it handles finance's answer, and ends consistent", async () => {
    const customer = await signUp(request, "Reopened");
    tradeWorker.freeze();
    const id = await created(customer, "changzhou");
    // finance authorizes and answers; the answer reaches the frozen trade, which holds it unacknowledged.
    await eventually(
      () => finance().outboxEvent.findFirst({ where: { aggregateId: id, sentAt: { not: null } } }),
      (row) => row !== null,
      30_000,
    );
    await sleep(500);
    await tradeWorker.kill();
    expect((await outcomeOf(id)).order.status).toBe("CREATED");
    await tradeWorker.restart();

    expect(await settledOrderStatus(request, customer, id, 60_000)).toBe("OPEN");
    expect(await outcomeOf(id)).toEqual(OPENED_ONCE);
  }, 90_000);
});
