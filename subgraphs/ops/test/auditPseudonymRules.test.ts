import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { namesPerson, peopleOf, withPeopleReplaced } from "../src/domain/audit/userIds.ts";

describe("the user ids an audit row names", () => {
  const actor = randomUUID();
  const customer = randomUUID();
  const coach = randomUUID();
  const order = randomUUID();
  const row = {
    actorId: actor,
    subjectType: "User",
    subjectId: customer.toUpperCase(),
    details: {
      producer: "trade",
      orderId: order,
      payload: { customerId: customer, nested: [{ coachId: coach, note: coach }], followerId: null },
      userIds: [coach],
    },
  };

  it("are the actor, a User subject, and every <role>Id of a person in details at any depth, lowercased", () => {
    expect(peopleOf(row).sort()).toEqual([actor, customer, coach].sort());
    expect(namesPerson("healthWorkerId")).toBe(true);
    expect(namesPerson("orderId")).toBe(false);
    expect(namesPerson("user")).toBe(false);
  });

  it("are replaced where they stand, and nothing else is", () => {
    const replaced = withPeopleReplaced(row, (id) => `p:${id}`);
    expect(replaced).toEqual({
      actorId: `p:${actor}`,
      subjectType: "User",
      subjectId: `p:${customer}`,
      details: {
        producer: "trade",
        orderId: order,
        payload: {
          customerId: `p:${customer}`,
          nested: [{ coachId: `p:${coach}`, note: coach }],
          followerId: null,
        },
        userIds: [coach],
      },
    });
  });

  it("leave a subject that is not a User, a null actor and values that are no UUID alone", () => {
    const other = { actorId: null, subjectType: "Order", subjectId: order, details: { userId: "system" } };
    expect(peopleOf(other)).toEqual([]);
    expect(withPeopleReplaced(other, () => "x")).toEqual(other);
  });
});
