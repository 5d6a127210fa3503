import { randomUUID } from "node:crypto";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_LOCAL_PAYMENTS_WEBHOOK_SECRET } from "../../subgraphs/finance/src/config.ts";
import { signWebhook } from "../../subgraphs/finance/src/domain/payments/local/webhookSignature.ts";
import { LOCAL_WEBHOOK_PATH } from "../../subgraphs/finance/src/routes/paymentWebhooks.ts";
import { adminOf, signUpCoach, signUpGrabbingCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { openOrder } from "./support/orders.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 19's money probes, through the router as a client app would send them: someone else's
// payments, points, shop orders, settlements and gifts, the operators' reconciliation and ads, and the
// payment provider's webhook forged, replayed or stale. Each probe: the owner's object, a stranger's
// attempt, the stable code, and the database showing nothing moved. The local provider answers after
// 3 s here, so a payment stays CREATED long enough for the webhook probes to aim at it.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let owner: Person;
let stranger: Person;
let coach: Person;
let admin: Person;

const finance = () => platform.financeDb!;
const ec = () => platform.ecDeps!.db;
const code = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;

async function ok<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  token: string,
) {
  const result = await request<T>(query, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

const CREATE_PAYMENT =
  "mutation($input: CreatePaymentInput!) { createPayment(input: $input) { id payerId } }";

/** `payer`'s payment of `amount`, CREATED (the provider answers 3 s later). */
async function pay(payer: Person, amount: number, idempotencyKey = randomUUID()) {
  const input = { idempotencyKey, amount, reference: `order-${amount}` };
  return (
    await ok<{ createPayment: { id: string; payerId: string } }>(CREATE_PAYMENT, { input }, payer.token)
  ).createPayment;
}

const paymentRow = (id: string) => finance().payment.findUniqueOrThrow({ where: { id } });
const ledgerSize = async () => [await finance().ledgerTransfer.count(), await finance().ledgerEntry.count()];

/**
 * `intruder` asks for the owner's object `id` (NOT_FOUND or FORBIDDEN), for the owner's list by
 * `$owner` (FORBIDDEN) and for their own list (a connection, without it): the answers as they came.
 */
async function expectHidden(
  intruder: Person,
  id: string,
  queries: { read: string; ownersList: string; ownList: string },
) {
  const read = await request(queries.read, { id }, intruder.token);
  expect(["NOT_FOUND", "FORBIDDEN"]).toContain(code(read));
  const listed = await request(queries.ownersList, { owner: owner.id }, intruder.token);
  expect(code(listed)).toBe("FORBIDDEN");
  const own = await ok<Record<string, { nodes: Array<{ id: string }> }>>(queries.ownList, {}, intruder.token);
  expect(Object.values(own)[0]?.nodes.map((node) => node.id)).not.toContain(id);
  return { read, listed };
}

beforeAll(async () => {
  platform = await startPlatform({ ec: true, financeEnv: { LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: "3000" } });
  request = graphqlClient(platform.url);
  [owner, stranger, admin] = await Promise.all([
    signUp(request, "Owner"),
    signUp(request, "Stranger"),
    adminOf(platform, request),
  ]);
  coach = await signUpCoach(platform, request, "Coach");
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

describe("payments: someone else's", () => {
  it("cannot be read, listed, captured, refunded or voided, and its row does not move", async () => {
    const { id } = await pay(owner, 4_200);
    const held = await eventually(
      () => paymentRow(id),
      (row) => row.status === "AUTHORIZED",
    );
    expect(held.status).toBe("AUTHORIZED");

    for (const intruder of [stranger, coach]) {
      const { read } = await expectHidden(intruder, id, {
        read: "query($id: ID!) { payment(id: $id) { id amount } }",
        ownersList: "query($owner: ID!) { payments(payerId: $owner) { nodes { id } } }",
        ownList: "{ payments { nodes { id } } }",
      });
      expect(JSON.stringify(read)).not.toContain("4200");
      for (const move of [
        "capturePayment(id: $id, idempotencyKey: $key)",
        "refundPayment(id: $id, idempotencyKey: $key, amount: 100)",
        "voidPayment(id: $id, idempotencyKey: $key)",
      ]) {
        const moved = await request(
          `mutation($id: ID!, $key: String!) { ${move} { status } }`,
          { id, key: randomUUID() },
          intruder.token,
        );
        expect(code(moved)).toBe("FORBIDDEN");
      }
    }
    expect(await paymentRow(id)).toEqual(held);
    const charge = await finance().localProviderCharge.findUniqueOrThrow({ where: { paymentId: id } });
    expect(charge).toMatchObject({ status: "HELD", capturedAmount: 0 });
  }, 30_000);

  it("an idempotency key is its caller's: another caller reusing the owner's gets a payment of their own", async () => {
    const key = randomUUID();
    const mine = await pay(owner, 700, key);
    const before = await paymentRow(mine.id);
    const same = await pay(stranger, 700, key);
    expect(same).toEqual({ id: expect.not.stringMatching(mine.id), payerId: stranger.id });
    // Another amount under that key is no CONFLICT either: that would tell the key was used.
    const other = await pay(coach, 900, key);
    expect(other).toEqual({ id: expect.not.stringMatching(mine.id), payerId: coach.id });
    expect(await finance().payment.count({ where: { payerId: owner.id, amount: 700 } })).toBe(1);
    expect(await paymentRow(mine.id)).toMatchObject({ payerId: owner.id, amount: before.amount });
  });
});

describe("points: someone else's balance and history", () => {
  beforeAll(async () => {
    await ok(
      'mutation($id: ID!) { adjustPoints(userId: $id, amount: 500, reason: "welcome bonus") { id } }',
      { id: owner.id },
      admin.token,
    );
  });

  const BALANCE = "query($id: ID) { pointsBalance(userId: $id) }";
  const HISTORY = "query($id: ID) { pointsHistory(userId: $id) { nodes { points reason } } }";
  const VIA_USER = "query($id: ID!) { user(id: $id) { id pointsBalance } }";

  it("are FORBIDDEN to a stranger and to a coach, directly and through the User entity", async () => {
    for (const intruder of [stranger, coach]) {
      for (const query of [BALANCE, HISTORY]) {
        const result = await request(query, { id: owner.id }, intruder.token);
        expect(code(result)).toBe("FORBIDDEN");
        expect(JSON.stringify(result)).not.toMatch(/500|welcome bonus/);
      }
      const viaUser = await request<{ user: { id: string; pointsBalance: number | null } }>(
        VIA_USER,
        { id: owner.id },
        intruder.token,
      );
      expect(viaUser.data?.user).toEqual({ id: owner.id, pointsBalance: null });
      expect(code(viaUser)).toBe("FORBIDDEN");
      // Their own reads name only their own points.
      expect(await ok(BALANCE, {}, intruder.token)).toEqual({ pointsBalance: 0 });
    }
  });

  it("are the owner's and an admin's to read", async () => {
    for (const reader of [owner, admin]) {
      expect(await ok(BALANCE, { id: owner.id }, reader.token)).toEqual({ pointsBalance: 500 });
      expect(await ok(HISTORY, { id: owner.id }, reader.token)).toEqual({
        pointsHistory: { nodes: [{ points: 500, reason: "welcome bonus" }] },
      });
      expect(await ok(VIA_USER, { id: owner.id }, reader.token)).toEqual({
        user: { id: owner.id, pointsBalance: 500 },
      });
    }
  });
});

describe("gifts: paid from the caller's points, never another's", () => {
  const SEND = `mutation($input: SendGiftInput!) { sendGift(input: $input) { sender { id } points } }`;
  let giftId: string;
  const balanceOf = async (person: Person) =>
    (
      await ok<{ pointsBalance: number }>(
        "query($id: ID) { pointsBalance(userId: $id) }",
        { id: person.id },
        admin.token,
      )
    ).pointsBalance;

  beforeAll(async () => {
    giftId = (
      await ok<{ createGift: { id: string } }>(
        "mutation($input: CreateGiftInput!) { createGift(input: $input) { id } }",
        { input: { name: "Rose", iconUrl: "https://cdn.example.com/rose.png", pricePoints: 30 } },
        admin.token,
      )
    ).createGift.id;
  });

  it("charges the caller: a stranger without points is refused, one with points pays their own", async () => {
    const ownerBefore = await balanceOf(owner);
    const broke = await request(
      SEND,
      { input: { giftId, recipientId: coach.id, idempotencyKey: randomUUID() } },
      stranger.token,
    );
    expect(code(broke)).toBe("CONFLICT");
    expect(broke.errors?.[0]?.message).toMatch(/Too few points/);

    // No input names a sender: the schema refuses one before any subgraph hears of it.
    const named = await request(
      `mutation { sendGift(input: { giftId: "${giftId}", recipientId: "${coach.id}", senderId: "${owner.id}", idempotencyKey: "${randomUUID()}" }) { id } }`,
      {},
      stranger.token,
    );
    expect(code(named)).toBe("GRAPHQL_VALIDATION_FAILED");

    await ok(
      'mutation($id: ID!) { adjustPoints(userId: $id, amount: 40, reason: "test funds") { id } }',
      { id: stranger.id },
      admin.token,
    );
    const sent = await ok<{ sendGift: { sender: { id: string }; points: number } }>(
      SEND,
      { input: { giftId, recipientId: coach.id, idempotencyKey: randomUUID() } },
      stranger.token,
    );
    expect(sent.sendGift).toEqual({ sender: { id: stranger.id }, points: 30 });
    expect(await balanceOf(stranger)).toBe(10);
    expect(await balanceOf(owner)).toBe(ownerBefore);
    expect(await finance().giftOrder.count({ where: { senderId: owner.id } })).toBe(0);
  });

  it("only an admin adds a gift to the catalogue", async () => {
    const before = await finance().gift.count();
    for (const intruder of [stranger, coach]) {
      const created = await request(
        "mutation($input: CreateGiftInput!) { createGift(input: $input) { id } }",
        { input: { name: "Free points", iconUrl: "https://cdn.example.com/x.png", pricePoints: 1 } },
        intruder.token,
      );
      expect(code(created)).toBe("FORBIDDEN");
    }
    expect(await finance().gift.count()).toBe(before);
  });
});

/** A new ACTIVE product with one SKU of `stock` units, created by the admin: the SKU's id. */
async function skuOf(stock: number): Promise<string> {
  const { createProductCategory } = await ok<{ createProductCategory: { id: string } }>(
    "mutation($input: CreateProductCategoryInput!) { createProductCategory(input: $input) { id } }",
    { input: { name: `Scales ${randomUUID()}` } },
    admin.token,
  );
  const { createProduct } = await ok<{ createProduct: { skus: Array<{ id: string }> } }>(
    "mutation($input: CreateProductInput!) { createProduct(input: $input) { skus { id } } }",
    {
      input: {
        name: "Body composition scale",
        description: "Weight, fat and muscle.",
        categoryId: createProductCategory.id,
        skus: [{ code: `SCALE-${randomUUID()}`, priceAmount: 12_900, stock }],
      },
    },
    admin.token,
  );
  return createProduct.skus[0]!.id;
}

describe("shop orders: someone else's", () => {
  it("cannot be read, listed or cancelled; its status, stock and payment stay", async () => {
    const skuId = await skuOf(5);
    const { placeShopOrder } = await ok<{ placeShopOrder: { id: string } }>(
      "mutation($input: PlaceShopOrderInput!) { placeShopOrder(input: $input) { id } }",
      { input: { items: [{ skuId, quantity: 2 }] } },
      owner.token,
    );
    const id = placeShopOrder.id;
    // Paid (its buyer could still cancel it, and finance would refund): the most a stranger could undo.
    const paid = await eventually(
      () => ec().shopOrder.findUniqueOrThrow({ where: { id } }),
      (order) => order.status === "PAID",
      20_000,
    );
    expect(paid.status).toBe("PAID");

    await expectHidden(stranger, id, {
      read: "query($id: ID!) { shopOrder(id: $id) { id totalAmount } }",
      ownersList: "query($owner: ID!) { shopOrders(buyerId: $owner) { nodes { id } } }",
      ownList: "{ shopOrders { nodes { id } } }",
    });
    const cancel = await request(
      "mutation($id: ID!) { cancelShopOrder(id: $id) { status } }",
      { id },
      stranger.token,
    );
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(code(cancel));
    // Its payment is the buyer's too.
    const payment = await request("query($id: ID!) { payment(id: $id) { id } }", { id }, stranger.token);
    expect(code(payment)).toBe("NOT_FOUND");

    expect(await ec().shopOrder.findUniqueOrThrow({ where: { id } })).toEqual(paid);
    expect((await ec().sku.findUniqueOrThrow({ where: { id: skuId } })).stock).toBe(3);
    expect(
      await ec().outboxEvent.count({ where: { subject: "ec.shop_order_cancelled.v1", aggregateId: id } }),
    ).toBe(0);
    expect(await paymentRow(id)).toMatchObject({ status: "CAPTURED", refundedAmount: 0 });
  }, 30_000);
});

describe("settlement reports: another coach's", () => {
  const REPORT = `query($from: DateTimeISO!, $to: DateTimeISO!, $coach: ID) {
    settlementReport(from: $from, to: $to, coachId: $coach) { nodes { orderId coachId amount } totals { grossAmount } }
  }`;
  const period = {
    from: new Date(Date.now() - 86_400_000).toISOString(),
    to: new Date(Date.now() + 86_400_000).toISOString(),
  };
  let earner: Person;
  let orderId: string;

  beforeAll(async () => {
    // One service, bought, served, confirmed and settled: the earning coach's payout is on record.
    const customer = await signUp(request, "Customer");
    earner = await signUpGrabbingCoach(platform, request, "Earner", { region: "hangzhou" });
    orderId = await openOrder(request, customer, "hangzhou");
    await ok("mutation($id: ID!) { grabOrder(orderId: $id) { id } }", { id: orderId }, earner.token);
    for (const status of ["IN_SERVICE", "AWAITING_CONFIRMATION"]) {
      await ok(
        "mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(orderId: $id, status: $status) { status } }",
        { id: orderId, status },
        earner.token,
      );
    }
    await ok(
      "mutation($id: ID!) { confirmOrderCompletion(orderId: $id) { status } }",
      { id: orderId },
      customer.token,
    );
    await eventually(
      () => finance().settlement.count({ where: { orderId } }),
      (count) => count === 1,
    );
  }, 60_000);

  it("is FORBIDDEN to another coach, who sees only their own (none)", async () => {
    const theirs = await request(REPORT, { ...period, coach: earner.id }, coach.token);
    expect(code(theirs)).toBe("FORBIDDEN");
    expect(theirs.data ?? null).toBeNull();
    expect(await ok(REPORT, period, coach.token)).toEqual({ settlementReport: { nodes: [], totals: [] } });
  });

  it("is FORBIDDEN to a plain user, for anyone's or all", async () => {
    for (const variables of [period, { ...period, coach: earner.id }, { ...period, coach: stranger.id }]) {
      expect(code(await request(REPORT, variables, stranger.token))).toBe("FORBIDDEN");
    }
  });

  it("is the earning coach's and an admin's to read", async () => {
    const row = { orderId, coachId: earner.id, amount: 19_900 };
    for (const [reader, coachId] of [
      [earner, undefined],
      [admin, earner.id],
      [admin, undefined],
    ] as const) {
      const report = await ok<{ settlementReport: { nodes: unknown[] } }>(
        REPORT,
        { ...period, coach: coachId },
        reader.token,
      );
      expect(report.settlementReport.nodes).toContainEqual(row);
    }
  });
});

describe("the operators' reconciliation and ads", () => {
  it("are FORBIDDEN to a user and to a coach, and create nothing", async () => {
    const window = {
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    };
    const campaign = {
      name: "Spring steps",
      creative: { title: "Walk more", targetUrl: "https://example.com/steps" },
      budgetAmount: 100_000,
      pricingModel: "CPC",
      priceAmount: 50,
      placements: ["FEED"],
      ...window,
    };
    const CREATE_CAMPAIGN =
      "mutation($input: CreateAdCampaignInput!) { createAdCampaign(input: $input) { id } }";
    const REPORT = "query($id: ID!) { adCampaignReport(campaignId: $id) { impressions clicks } }";
    const { createAdCampaign } = await ok<{ createAdCampaign: { id: string } }>(
      CREATE_CAMPAIGN,
      { input: campaign },
      admin.token,
    );
    const campaigns = await ec().adCampaign.count();

    for (const intruder of [stranger, coach]) {
      const probes = [
        await request("{ reconciliationReports { nodes { id } } }", {}, intruder.token),
        await request("{ reconciliationDiscrepancies { nodes { id } } }", {}, intruder.token),
        await request(
          'mutation($id: ID!) { resolveReconciliationDiscrepancy(id: $id, note: "fixed") { id } }',
          { id: randomUUID() },
          intruder.token,
        ),
        await request(CREATE_CAMPAIGN, { input: campaign }, intruder.token),
        await request(REPORT, { id: createAdCampaign.id }, intruder.token),
      ];
      expect(probes.map(code)).toEqual(Array(probes.length).fill("FORBIDDEN"));
    }
    expect(await ec().adCampaign.count()).toBe(campaigns);
    expect(await ok(REPORT, { id: createAdCampaign.id }, admin.token)).toEqual({
      adCampaignReport: { impressions: 0, clicks: 0 },
    });
    expect(await ok("{ reconciliationReports { nodes { id } } }", {}, admin.token)).toEqual({
      reconciliationReports: { nodes: expect.any(Array) },
    });
  });
});

describe("the payment provider's webhook", () => {
  /** POSTs `body` to `base`'s webhook route as the provider would, signed with `signature`. */
  const webhook = (base: string, body: string, signature: string) =>
    fetch(new URL(LOCAL_WEBHOOK_PATH, base), {
      method: "POST",
      headers: { "content-type": "application/json", "local-payments-signature": signature },
      body,
    });
  const financeUrl = () => platform.subgraphs.finance!.url;
  const genuineSignature = (body: string, at = new Date()) =>
    signWebhook(DEV_LOCAL_PAYMENTS_WEBHOOK_SECRET, body, at);

  it("forged, stale or sent to the router it changes nothing; replayed, it changes nothing the second time", async () => {
    const { id } = await pay(owner, 2_500);
    const created = await paymentRow(id);
    expect(created.status).toBe("CREATED");
    // What the provider will send in 3 s, as an eavesdropper would capture it.
    const queued = await finance().localProviderWebhook.findFirstOrThrow({
      where: { body: { contains: id } },
    });
    const genuine = queued.body;
    const eventId = (JSON.parse(genuine) as { id: string }).id;
    const forged = JSON.stringify({
      id: randomUUID(),
      type: "authorization.succeeded",
      data: { paymentId: id, providerRef: created.providerRef, reason: null },
    });

    const refusals = [
      await webhook(financeUrl(), forged, signWebhook("not-the-secret-at-all", forged, new Date())),
      await webhook(financeUrl(), forged, genuineSignature(genuine)),
      await webhook(financeUrl(), forged, ""),
      await webhook(financeUrl(), genuine, genuineSignature(genuine, new Date(Date.now() - 600_000))),
    ];
    expect(refusals.map((response) => response.status)).toEqual([400, 400, 400, 400]);
    expect(await refusals[3]!.json()).toEqual({
      error: "webhook rejected: timestamp outside the tolerance window",
    });
    // The router serves GraphQL only: the provider's route is not reachable through it.
    const throughRouter = await webhook(platform.url, genuine, genuineSignature(genuine));
    expect(throughRouter.status).toBe(404);
    expect(await paymentRow(id)).toEqual(created);
    const forgedId = (JSON.parse(forged) as { id: string }).id;
    expect(
      await finance().paymentWebhookEvent.count({ where: { eventId: { in: [eventId, forgedId] } } }),
    ).toBe(0);

    const signature = genuineSignature(genuine);
    const first = await webhook(financeUrl(), genuine, signature);
    expect(await first.json()).toEqual({ outcome: "applied" });
    const authorized = await paymentRow(id);
    expect(authorized.status).toBe("AUTHORIZED");
    const ledger = await ledgerSize();

    const replay = await webhook(financeUrl(), genuine, signature);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ outcome: "duplicate" });
    expect(await paymentRow(id)).toEqual(authorized);
    expect(await ledgerSize()).toEqual(ledger);
    expect(await finance().paymentWebhookEvent.count({ where: { eventId } })).toBe(1);
  });
});
