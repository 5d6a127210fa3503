import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADJUST_POINTS, type FinanceHarness, POINTS_BALANCE, startFinanceSubgraph } from "./harness.ts";

let h: FinanceHarness;
beforeAll(async () => {
  h = await startFinanceSubgraph();
});
afterAll(async () => {
  await h?.close();
});

const GIFT_FIELDS = "id name iconUrl pricePoints active";
const CREATE_GIFT = `mutation Create($input: CreateGiftInput!) { createGift(input: $input) { ${GIFT_FIELDS} } }`;
const UPDATE_GIFT = `mutation Update($id: ID!, $input: UpdateGiftInput!) { updateGift(id: $id, input: $input) { ${GIFT_FIELDS} } }`;
const GIFTS = `query Gifts($all: Boolean) { gifts(includeInactive: $all) { ${GIFT_FIELDS} } }`;
const ORDER_FIELDS =
  "id gift { id name } sender { id } recipient { id } quantity points coachShare platformShare liveRoomId orderId message";
const SEND_GIFT = `mutation Send($input: SendGiftInput!) { sendGift(input: $input) { ${ORDER_FIELDS} } }`;
const GIFTS_RECEIVED = `query Received($recipientId: ID, $first: Int, $after: String) {
  giftsReceived(recipientId: $recipientId, first: $first, after: $after) { nodes { id quantity points } pageInfo { endCursor hasNextPage } }
}`;
const GIFTS_SENT = `query Sent($senderId: ID) { giftsSent(senderId: $senderId) { nodes { id points recipient { id } } } }`;

type Person = Awaited<ReturnType<FinanceHarness["person"]>>;
let admin: Person;

async function newGift(pricePoints: number, name = `rose ${randomUUID().slice(0, 8)}`) {
  const created = await h.request<{ createGift: { id: string } }>(
    CREATE_GIFT,
    { input: { name, iconUrl: "https://cdn.example.com/gifts/rose.png", pricePoints } },
    admin.token,
  );
  expect(created.errors).toBeUndefined();
  return created.data?.createGift.id as string;
}

async function fund(userId: string, amount: number) {
  const result = await h.request(ADJUST_POINTS, { userId, amount, reason: "test funds" }, admin.token);
  expect(result.errors).toBeUndefined();
}

const pointsOf = async (owner: string, kind: "USER_POINTS" | "COACH_PAYABLE" | "PLATFORM_FEES") =>
  (await h.db.ledgerAccount.findUnique({ where: { owner_kind_unit: { owner, kind, unit: "POINTS" } } }))
    ?.balance ?? 0n;

const send = (who: Person, input: Record<string, unknown>) =>
  h.request<{ sendGift: Record<string, unknown> }>(SEND_GIFT, { input }, who.token);

beforeAll(async () => {
  admin = await h.person(["user", "admin"]);
});

describe("sending a gift", () => {
  it("moves the points sender → coach's payable and platform's fees in one transfer, with gift_sent", async () => {
    const sender = await h.person();
    const coach = await h.person(["user", "coach"]);
    const giftId = await newGift(30);
    await fund(sender.id, 100);
    const feesBefore = await pointsOf("platform", "PLATFORM_FEES");
    const liveRoomId = randomUUID();

    const key = randomUUID();
    const input = {
      giftId,
      recipientId: coach.id,
      quantity: 2,
      liveRoomId,
      message: "加油!",
      idempotencyKey: key,
    };
    const sent = await send(sender, input);
    expect(sent.errors).toBeUndefined();
    // 60 points: the platform keeps floor(60 × 30 %) = 18, the coach gets 42 (FINANCE_GIFT_COACH_SHARE_BPS 7000).
    expect(sent.data?.sendGift).toMatchObject({
      gift: { id: giftId },
      sender: { id: sender.id },
      recipient: { id: coach.id },
      quantity: 2,
      points: 60,
      coachShare: 42,
      platformShare: 18,
      liveRoomId,
      orderId: null,
      message: "加油!",
    });
    expect(await pointsOf(sender.id, "USER_POINTS")).toBe(40n);
    expect(await pointsOf(coach.id, "COACH_PAYABLE")).toBe(42n);
    expect((await pointsOf("platform", "PLATFORM_FEES")) - feesBefore).toBe(18n);

    const transfer = await h.db.ledgerTransfer.findUniqueOrThrow({
      where: { sourceRef: `gift:${sender.id}:${key}` },
      include: { entries: { include: { account: true } } },
    });
    expect(transfer).toMatchObject({ kind: "GIFT", actorId: sender.id });
    expect(
      transfer.entries.map((entry) => [entry.account.owner, entry.account.kind, entry.amount]).sort(),
    ).toEqual(
      [
        [sender.id, "USER_POINTS", -60n],
        [coach.id, "COACH_PAYABLE", 42n],
        ["platform", "PLATFORM_FEES", 18n],
      ].sort(),
    );
    const order = await h.db.giftOrder.findUniqueOrThrow({ where: { transferId: transfer.id } });
    const events = await h.db.outboxEvent.findMany({
      where: { subject: "finance.gift_sent.v1", aggregateId: sender.id },
    });
    expect(events.map((event) => (event.envelope as { payload: unknown }).payload)).toEqual([
      expect.objectContaining({
        giftOrderId: order.id,
        senderId: sender.id,
        recipientId: coach.id,
        giftId,
        amount: 60,
        currency: "POINTS",
        quantity: 2,
        liveRoomId,
      }),
    ]);

    // The sender's history shows the gift.
    const balance = await h.request<{ pointsBalance: number }>(POINTS_BALANCE, {}, sender.token);
    expect(balance.data?.pointsBalance).toBe(40);

    // A retry with the key gets the first answer and moves nothing again.
    const replay = await send(sender, input);
    expect(replay.data).toEqual(sent.data);
    expect(await pointsOf(sender.id, "USER_POINTS")).toBe(40n);
    expect(await h.db.giftOrder.count({ where: { senderId: sender.id } })).toBe(1);
    // The key with other parameters is CONFLICT naming the key.
    const other = await send(sender, { ...input, quantity: 1 });
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      idempotencyKey: key,
    });
  });

  it("moves nothing when the sender has too few points: no transfer, no gift order, no event", async () => {
    const sender = await h.person();
    const coach = await h.person(["user", "coach"]);
    const giftId = await newGift(50);
    await fund(sender.id, 99);
    const counts = () =>
      Promise.all([h.db.ledgerTransfer.count(), h.db.giftOrder.count(), h.db.outboxEvent.count()]);
    const before = await counts();
    const feesBefore = await pointsOf("platform", "PLATFORM_FEES");

    const input = { giftId, recipientId: coach.id, quantity: 2, idempotencyKey: randomUUID() };
    const refused = await send(sender, input);
    expect(refused.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(refused.errors?.[0]?.message).toMatch(/too few points/i);
    expect(await counts()).toEqual(before);
    expect(await pointsOf(sender.id, "USER_POINTS")).toBe(99n);
    expect(await pointsOf(coach.id, "COACH_PAYABLE")).toBe(0n);
    expect(await pointsOf("platform", "PLATFORM_FEES")).toBe(feesBefore);

    // The refusal is the key's answer: a retry is refused the same way, even with points since added.
    await fund(sender.id, 1);
    const again = await send(sender, input);
    expect(again.errors?.[0]?.message).toBe(refused.errors?.[0]?.message);
    expect(await pointsOf(sender.id, "USER_POINTS")).toBe(100n);
    // A new key sends it.
    const sent = await send(sender, { ...input, idempotencyKey: randomUUID() });
    expect(sent.errors).toBeUndefined();
    expect(await pointsOf(sender.id, "USER_POINTS")).toBe(0n);
  });

  it("refuses a gift to oneself, both contexts at once, a bad quantity, and a gift no longer offered", async () => {
    const sender = await h.person();
    const coach = await h.person(["user", "coach"]);
    const giftId = await newGift(10);
    await fund(sender.id, 100);
    const base = { giftId, recipientId: coach.id, quantity: 1 };
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ ...base, recipientId: sender.id }, "BAD_USER_INPUT", "input.recipientId"],
      [{ ...base, liveRoomId: randomUUID(), orderId: randomUUID() }, "BAD_USER_INPUT", "input.orderId"],
      [{ ...base, quantity: 100 }, "BAD_USER_INPUT", "input.quantity"],
      [{ ...base, quantity: 0 }, "BAD_USER_INPUT", "input.quantity"],
    ];
    for (const [input, code, field] of refusals) {
      const refused = await send(sender, { ...input, idempotencyKey: randomUUID() });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    const unknown = await send(sender, { ...base, giftId: randomUUID(), idempotencyKey: randomUUID() });
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const off = await h.request(UPDATE_GIFT, { id: giftId, input: { active: false } }, admin.token);
    expect(off.errors).toBeUndefined();
    // ops's audit log hears of the catalogue's changes, by the admin.
    const changes = await h.db.outboxEvent.findMany({
      where: { subject: "finance.admin_action_recorded.v1", aggregateId: giftId },
      orderBy: { createdAt: "asc" },
    });
    expect(changes.map((row) => (row.envelope as { payload: { action: string } }).payload.action)).toEqual([
      "create_gift",
      "update_gift",
    ]);
    const inactive = await send(sender, { ...base, idempotencyKey: randomUUID() });
    expect(inactive.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(inactive.errors?.[0]?.message).toMatch(/no longer offered/);
    expect(await pointsOf(sender.id, "USER_POINTS")).toBe(100n);
  });
});

describe("the catalogue and the lists", () => {
  it("lists active gifts to anyone, all gifts to admins; only admins create and update", async () => {
    const user = await h.person();
    const giftId = await newGift(7);
    const hidden = await newGift(8);
    await h.request(UPDATE_GIFT, { id: hidden, input: { active: false, pricePoints: 9 } }, admin.token);
    const listed = await h.request<{ gifts: { id: string }[] }>(GIFTS, {});
    const ids = listed.data?.gifts.map((gift) => gift.id);
    expect(ids).toContain(giftId);
    expect(ids).not.toContain(hidden);
    const all = await h.request<{ gifts: { id: string; pricePoints: number }[] }>(
      GIFTS,
      { all: true },
      admin.token,
    );
    expect(all.data?.gifts.find((gift) => gift.id === hidden)).toMatchObject({ pricePoints: 9 });
    const notAdmin = await h.request(GIFTS, { all: true }, user.token);
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const create = await h.request(
      CREATE_GIFT,
      { input: { name: "mine", iconUrl: "https://x.example/i.png", pricePoints: 1 } },
      user.token,
    );
    expect(create.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const update = await h.request(UPDATE_GIFT, { id: giftId, input: { pricePoints: 1 } }, user.token);
    expect(update.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const bad = await h.request(
      CREATE_GIFT,
      { input: { name: "x", iconUrl: "javascript:alert(1)", pricePoints: 1 } },
      admin.token,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.iconUrl" });
  });

  it("lists a coach's received gifts newest first, page by page; not to another user", async () => {
    const sender = await h.person();
    const coach = await h.person(["user", "coach"]);
    const giftId = await newGift(5);
    await fund(sender.id, 100);
    for (const quantity of [1, 2, 3]) {
      const sent = await send(sender, {
        giftId,
        recipientId: coach.id,
        quantity,
        idempotencyKey: randomUUID(),
      });
      expect(sent.errors).toBeUndefined();
    }
    type Received = {
      giftsReceived: { nodes: { quantity: number }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
    };
    const first = await h.request<Received>(GIFTS_RECEIVED, { first: 2 }, coach.token);
    expect(first.data?.giftsReceived.nodes.map((node) => node.quantity)).toEqual([3, 2]);
    expect(first.data?.giftsReceived.pageInfo.hasNextPage).toBe(true);
    const second = await h.request<Received>(
      GIFTS_RECEIVED,
      { first: 2, after: first.data?.giftsReceived.pageInfo.endCursor },
      coach.token,
    );
    expect(second.data?.giftsReceived.nodes.map((node) => node.quantity)).toEqual([1]);

    const sent = await h.request<{ giftsSent: { nodes: unknown[] } }>(GIFTS_SENT, {}, sender.token);
    expect(sent.data?.giftsSent.nodes).toHaveLength(3);
    const prying = await h.request(GIFTS_RECEIVED, { recipientId: coach.id }, sender.token);
    expect(prying.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byAdmin = await h.request<Received>(GIFTS_RECEIVED, { recipientId: coach.id }, admin.token);
    expect(byAdmin.data?.giftsReceived.nodes).toHaveLength(3);
  });
});
