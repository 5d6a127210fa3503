import { buildSchema, type ExecutionResult, GraphQLError, parse } from "graphql";
import { describe, expect, it } from "vitest";
import {
  DISMISS_EXTENSION,
  Dismissal,
  dismissalOf,
  subscribeWithDismissals,
} from "../src/server/dismissal.ts";

// A stream that dismisses a subscriber, through graphql-js as the subgraphs' socket server runs it.

const schema = buildSchema("type Query { ok: Boolean } type Subscription { tick: Int }");
const banned = new GraphQLError("You are banned.", { extensions: { code: "FORBIDDEN" } });

async function run(events: unknown[], terms: { subscriberId: string | null; shared: boolean }) {
  let closed = false;
  async function* source() {
    try {
      for (const event of events) yield event;
    } finally {
      closed = true;
    }
  }
  const stream = await subscribeWithDismissals(
    {
      schema,
      document: parse("subscription { tick }"),
      // The source yields the numbers themselves: `tick` is each event.
      fieldResolver: (event) => event,
      subscribeFieldResolver: () => source(),
    },
    {
      subscriberId: () => terms.subscriberId,
      shared: () => terms.shared,
      formatError: (formatted) => formatted,
    },
  );
  const results: ExecutionResult[] = [];
  for await (const result of stream as AsyncIterable<ExecutionResult>) results.push(result);
  return { results, closed };
}

describe("subscribeWithDismissals", () => {
  it("a private stream skips another user's dismissal and ends with the error at its subscriber's", async () => {
    const { results, closed } = await run(
      [1, new Dismissal("bob", banned), 2, new Dismissal("ann", banned), 3],
      {
        subscriberId: "ann",
        shared: false,
      },
    );
    expect(results).toEqual([{ data: { tick: 1 } }, { data: { tick: 2 } }, { errors: [banned] }]);
    expect(closed).toBe(true);
  });

  it("a shared stream passes every dismissal on as an extension and goes on", async () => {
    const { results } = await run([new Dismissal("bob", banned), 1], { subscriberId: "ann", shared: true });
    expect(results[0]).toEqual({
      extensions: {
        [DISMISS_EXTENSION]: {
          userId: "bob",
          errors: [{ message: "You are banned.", extensions: { code: "FORBIDDEN" } }],
        },
      },
    });
    expect(dismissalOf(results[0]!)).toEqual({
      userId: "bob",
      errors: [expect.objectContaining({ message: "You are banned." })],
    });
    expect(dismissalOf(results[1]!)).toBeNull();
    expect(results[1]).toEqual({ data: { tick: 1 } });
  });
});
