import { randomUUID } from "node:crypto";
import { catalog } from "@health/events/catalog";
import { NOT_PEOPLE, namesPerson } from "@health/events/people";
import { describe, expect, it } from "vitest";
import { peopleOf, withPeopleReplaced } from "../src/domain/audit/userIds.ts";

/** Every key ending in "Id" of a payload schema, at any depth (zod's definitions). */
function idKeys(schema: unknown, into = new Set<string>()): Set<string> {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  if (!def) return into;
  if (def.type === "object") {
    for (const [key, member] of Object.entries(def.shape as Record<string, unknown>)) {
      if (key.endsWith("Id")) into.add(key);
      idKeys(member, into);
    }
  }
  for (const inner of [def.element, def.innerType, ...((def.options as unknown[]) ?? [])])
    idKeys(inner, into);
  return into;
}

describe("the catalog's id keys", () => {
  it("are each either a person's (written as a pseudonym) or something else's, by decision", () => {
    const keys = new Set<string>();
    for (const event of catalog) idKeys(event.payload, keys);
    const undecided = [...keys].filter((key) => !namesPerson(key) && !NOT_PEOPLE.has(key));
    expect(undecided, "add each to USER_ROLES or NOT_PEOPLE in packages/events/src/personKeys.ts").toEqual(
      [],
    );
    expect([...NOT_PEOPLE].filter((key) => namesPerson(key))).toEqual([]);
  });
});

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
