import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { adminOf } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Payments through the router (issue 19, M13): retries of one payment under one idempotency key charge
// once and answer alike; the same key for another amount is CONFLICT; a payment is its payer's (and the
// admins') to read; an illegal move is CONFLICT naming the current state.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
});
afterAll(async () => {
  await platform?.close();
});

const CREATE = `mutation($input: CreatePaymentInput!) {
  createPayment(input: $input) { id payerId amount currency status provider }
}`;

describe("payments through the router", () => {
  it("charges once for 50 concurrent retries with one key, and refuses the key for another amount", async () => {
    const payer = await signUp(request, "Payer");
    const input = { idempotencyKey: randomUUID(), amount: 1999, currency: "CNY", reference: "order-7" };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        request<{ createPayment: { id: string } }>(CREATE, { input }, payer.token),
      ),
    );
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.data))).size).toBe(1);
    expect(answers[0]?.data?.createPayment).toMatchObject({
      payerId: payer.id,
      amount: 1999,
      status: "CREATED",
      provider: "local",
    });
    expect(await platform.financeDb?.payment.count({ where: { payerId: payer.id } })).toBe(1);

    const other = await request(CREATE, { input: { ...input, amount: 2000 } }, payer.token);
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      idempotencyKey: input.idempotencyKey,
    });
  });

  it("shows a payment to its payer and an admin only, and refuses an illegal move with the current state", async () => {
    const [payer, stranger] = [await signUp(request, "Payer"), await signUp(request, "Stranger")];
    const admin = await adminOf(platform, request);
    const created = await request<{ createPayment: { id: string } }>(
      CREATE,
      { input: { idempotencyKey: randomUUID(), amount: 500, reference: "order-8" } },
      payer.token,
    );
    const id = created.data?.createPayment.id;
    const READ = "query($id: ID!) { payment(id: $id) { id status } }";
    const mine = await request<{ payment: { id: string; status: string } }>(READ, { id }, payer.token);
    expect(mine.data?.payment.id).toBe(id);
    const theirs = await request(READ, { id }, stranger.token);
    expect(theirs.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const asAdmin = await request<{ payment: { id: string } }>(READ, { id }, admin.token);
    expect(asAdmin.data?.payment.id).toBe(id);

    // Nothing was captured yet (CREATED, or AUTHORIZED once the provider's webhook lands): no refund.
    const refund = await request(
      "mutation($id: ID!, $key: String!) { refundPayment(id: $id, idempotencyKey: $key, amount: 100) { status } }",
      { id, key: randomUUID() },
      admin.token,
    );
    expect(refund.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(["CREATED", "AUTHORIZED"]).toContain(refund.errors?.[0]?.extensions?.currentState);
  });

  it("is confirmed by the local provider's signed webhook: AUTHORIZED, or FAILED for a declined amount", async () => {
    const payer = await signUp(request, "Payer");
    const pay = (amount: number) =>
      request<{ createPayment: { id: string } }>(
        CREATE,
        { input: { idempotencyKey: randomUUID(), amount, reference: `order-${amount}` } },
        payer.token,
      );
    const [approved, declined] = [await pay(1200), await pay(1666)];
    const statusOf = async (id: string | undefined) =>
      (
        await request<{ payment: { status: string } }>(
          "query($id: ID!) { payment(id: $id) { status } }",
          { id },
          payer.token,
        )
      ).data?.payment.status;
    await vi.waitFor(async () => expect(await statusOf(approved.data?.createPayment.id)).toBe("AUTHORIZED"), {
      timeout: 10_000,
      interval: 100,
    });
    await vi.waitFor(async () => expect(await statusOf(declined.data?.createPayment.id)).toBe("FAILED"), {
      timeout: 10_000,
      interval: 100,
    });
  });
});
