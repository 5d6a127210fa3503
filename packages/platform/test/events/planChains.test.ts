import { describe, expect, it } from "vitest";
import type { OutboxRow } from "../../src/events/outboxTable.ts";
import { planChains } from "../../src/events/publishChains.ts";

const row = (id: string, aggregateId: string, at: number): OutboxRow => ({
  id,
  aggregateId,
  subject: "user.goal_achieved.v1",
  createdAt: new Date(at),
  envelope: {} as OutboxRow["envelope"],
});

const ids = (chains: OutboxRow[][]) => chains.map((chain) => chain.map((r) => r.id));

describe("planChains", () => {
  const rows = [
    row("a1", "A", 1),
    row("b1", "B", 2),
    row("a2", "A", 3),
    row("c1", "C", 4),
    row("b2", "B", 5),
  ];

  it("makes one chain per aggregate, in outbox order", () => {
    expect(ids(planChains(rows, new Map(), () => true))).toEqual([["a1", "a2"], ["b1", "b2"], ["c1"]]);
  });

  it("cuts an aggregate's chain at a row that is not due for a retry", () => {
    expect(ids(planChains(rows, new Map(), (id) => id !== "b1"))).toEqual([["a1", "a2"], ["c1"]]);
    expect(ids(planChains(rows, new Map(), (id) => id !== "a2"))).toEqual([["a1"], ["b1", "b2"], ["c1"]]);
  });

  it("holds back rows behind an older row another relay holds", () => {
    const held = new Map([["A", { id: "a0", createdAt: new Date(0) }]]);
    expect(ids(planChains(rows, held, () => true))).toEqual([["b1", "b2"], ["c1"]]);
    const newerHeld = new Map([["A", { id: "a9", createdAt: new Date(9) }]]);
    expect(ids(planChains(rows, newerHeld, () => true))).toEqual([["a1", "a2"], ["b1", "b2"], ["c1"]]);
  });
});
