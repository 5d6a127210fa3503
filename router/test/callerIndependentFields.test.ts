import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { CALLER_INDEPENDENT_FIELDS } from "../src/subscriptions/callerIndependentFields.ts";
import { mayShareAcrossCallers } from "../src/subscriptions/groupKey.ts";
import { SubscriptionPlanner } from "../src/subscriptions/subscriptionPlanner.ts";

// The sharing rule's third clause on the platform's own supergraph: callers may share a group when the
// plan fetches nothing else, or only fields every caller sees the same (User.displayName).

const planner = new SubscriptionPlanner(
  readFileSync(join(import.meta.dirname, "..", "..", "schema", "supergraph.graphql"), "utf8"),
);
const allowed = new Set(CALLER_INDEPENDENT_FIELDS);
const shareable = (query: string) => mayShareAcrossCallers(planner.plan(parse(query), query), allowed);

describe("mayShareAcrossCallers", () => {
  it("shares a plan that fetches nothing from other subgraphs", () => {
    expect(
      shareable('subscription { liveChat(streamId: "s") { kind message { id text sender { id } } } }'),
    ).toBe(true);
  });

  it("shares a plan whose entity fetches ask only for caller-independent fields", () => {
    const query = `subscription { liveChat(streamId: "s") { kind message { id text sender { id displayName } } } }`;
    expect(planner.plan(parse(query), query).rest).toBeDefined();
    expect(shareable(query)).toBe(true);
  });

  it("never shares a plan that fetches a field that depends on the caller", () => {
    expect(
      shareable(`subscription { liveChat(streamId: "s") { message { sender { displayName email } } } }`),
    ).toBe(false);
    expect(
      shareable(`subscription { liveChat(streamId: "s") { message { sender { pointsBalance } } } }`),
    ).toBe(false);
  });

  it("shares nothing beyond the list it is given", () => {
    const query = `subscription { liveChat(streamId: "s") { message { sender { displayName } } } }`;
    expect(mayShareAcrossCallers(planner.plan(parse(query), query), new Set())).toBe(false);
  });
});
