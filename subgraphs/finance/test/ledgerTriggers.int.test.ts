import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountIdOf } from "../src/domain/ledger/accounts.ts";
import { APPEND_ONLY, UNBALANCED } from "../src/domain/ledger/ledgerErrors.ts";
import { POINTS } from "../src/domain/ledger/rules.ts";
import { transfer } from "../src/domain/ledger/transfer.ts";
import { type FinanceHarness, refusal, startFinanceSubgraph } from "./harness.ts";

// The ledger's rules as the database enforces them, reached past the domain with raw SQL: whatever code
// runs, entries stay append-only and every transfer balances.

let h: FinanceHarness;
let source: string;
let sink: string;
let transferId: string;
beforeAll(async () => {
  h = await startFinanceSubgraph();
  const owner = randomUUID();
  [source, sink, transferId] = await h.db.$transaction(async (tx) => {
    const from = await accountIdOf(tx, { owner: "platform", kind: "POINTS_ISSUANCE", unit: POINTS });
    const to = await accountIdOf(tx, { owner, kind: "USER_POINTS", unit: POINTS });
    const id = await transfer(tx, {
      kind: "POINTS_AWARD",
      reason: "seed",
      unit: POINTS,
      entries: [
        { accountId: from, amount: -10n },
        { accountId: to, amount: 10n },
      ],
    });
    return [from, to, id ?? ""];
  });
});
afterAll(async () => {
  await h?.close();
});

describe("the ledger's database rules", () => {
  it("refuses an UPDATE and a DELETE of an entry, and of a transfer", async () => {
    expect(
      await refusal(h.db.$executeRawUnsafe(`UPDATE "ledger_entries" SET "amount" = "amount" * 2`)),
    ).toContain(APPEND_ONLY);
    expect(await refusal(h.db.$executeRawUnsafe(`DELETE FROM "ledger_entries"`))).toContain(APPEND_ONLY);
    expect(
      await refusal(h.db.ledgerTransfer.update({ where: { id: transferId }, data: { reason: "x" } })),
    ).toContain(APPEND_ONLY);
    expect(await refusal(h.db.$executeRawUnsafe(`DELETE FROM "ledger_transfers"`))).toContain(APPEND_ONLY);
    expect(await h.db.ledgerEntry.count({ where: { transferId } })).toBe(2);
  });

  it("refuses at commit a transfer whose entries do not sum to zero, leaving nothing behind", async () => {
    const id = randomUUID();
    const unbalanced = h.db.$transaction(async (tx) => {
      await tx.ledgerTransfer.create({ data: { id, kind: "TRANSFER", reason: "bad" } });
      await tx.ledgerEntry.createMany({
        data: [
          { transferId: id, accountId: source, amount: -5n },
          { transferId: id, accountId: sink, amount: 4n },
        ],
      });
    });
    expect(await refusal(unbalanced)).toContain(UNBALANCED);
    expect(await h.db.ledgerTransfer.count({ where: { id } })).toBe(0);
    expect((await h.db.ledgerAccount.findUniqueOrThrow({ where: { id: sink } })).balance).toBe(10n);
  });

  it("refuses a balance written directly instead of through entries", async () => {
    expect(
      await refusal(h.db.ledgerAccount.update({ where: { id: sink }, data: { balance: 1_000_000n } })),
    ).toContain("ledger_balance_from_entries");
  });

  it("refuses an entry taking a user account below zero", async () => {
    const overdraw = h.db.$transaction((tx) =>
      transfer(tx, {
        kind: "TRANSFER",
        reason: "too much",
        unit: POINTS,
        entries: [
          { accountId: sink, amount: -11n },
          { accountId: source, amount: 11n },
        ],
      }),
    );
    await expect(overdraw).rejects.toMatchObject({ extensions: { code: "CONFLICT" } });
    expect((await h.db.ledgerAccount.findUniqueOrThrow({ where: { id: sink } })).balance).toBe(10n);
  });
});
