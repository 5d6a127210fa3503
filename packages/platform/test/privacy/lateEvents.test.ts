import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { personIdsIn, replacePersonIds } from "../../src/privacy/lateEvents.ts";

describe("personIdsIn", () => {
  it("finds every UUID under a person key at any depth, lowercased and once, and nothing under other keys", () => {
    const [customer, coach, member, order, stranger] = [1, 2, 3, 4, 5].map(() => randomUUID());
    const payload = {
      orderId: order,
      customerId: customer!.toUpperCase(),
      lines: [{ coachId: coach, note: stranger }],
      memberId: [member, customer],
      followerId: null,
      nested: { deeper: { userId: "not-a-uuid" } },
    };
    expect(personIdsIn(payload).sort()).toEqual([customer, coach, member].sort());
  });

  it("takes an admin action's subject when it is a User, and not otherwise", () => {
    const subject = randomUUID();
    expect(personIdsIn({ subjectType: "User", subjectId: subject })).toEqual([subject]);
    expect(personIdsIn({ subjectType: "Post", subjectId: subject })).toEqual([]);
  });

  it("replaces exactly the ids it finds, where they stand", () => {
    const [customer, order] = [randomUUID(), randomUUID()];
    const payload = {
      orderId: order,
      customerId: customer,
      lines: [{ memberId: [customer] }],
      note: customer,
    };
    expect(replacePersonIds(payload, (id) => `t:${id}`)).toEqual({
      orderId: order,
      customerId: `t:${customer}`,
      lines: [{ memberId: [`t:${customer}`] }],
      note: customer,
    });
  });
});
