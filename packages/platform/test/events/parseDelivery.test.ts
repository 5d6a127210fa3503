import { randomUUID } from "node:crypto";
import { goalAchievedV1, healthActionRecordedV1 } from "@health/events/catalog";
import { headers as natsHeaders } from "nats";
import { describe, expect, it } from "vitest";
import { on } from "../../src/events/handlers.ts";
import { parseDelivery } from "../../src/events/parseDelivery.ts";

const registration = on(healthActionRecordedV1, async () => undefined);
const handlers = new Map([["t_1.user.health_action_recorded.v1", registration]]);
const encode = (value: unknown) =>
  new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
const envelope = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  name: "health_action_recorded",
  version: 1,
  producer: "user",
  occurredAt: "2026-11-21T10:00:00.000Z",
  aggregateId: "u1",
  actorId: null,
  traceparent: null,
  payload: {
    actionId: randomUUID(),
    userId: randomUUID(),
    type: "MEAL",
    durationMinutes: null,
    occurredAt: "2026-11-21T10:00:00.000Z",
  },
  ...overrides,
});

describe("parseDelivery", () => {
  const subject = "t_1.user.health_action_recorded.v1";

  it("accepts a valid envelope with a valid payload", () => {
    const message = envelope();
    expect(parseDelivery({ subject, data: encode(message) }, handlers)).toEqual({
      kind: "event",
      registration,
      envelope: message,
    });
  });

  it("leaves subjects without a handler alone", () => {
    expect(
      parseDelivery({ subject: "t_1.user.goal_achieved.v1", data: encode(envelope()) }, handlers),
    ).toEqual({
      kind: "unhandled",
    });
  });

  it.each([
    ["not JSON", "{oops", /not JSON/],
    ["not an envelope", { hello: "world" }, /not an event envelope/],
    ["another event's envelope", envelope({ name: goalAchievedV1.name }), /envelope says goal_achieved v1/],
    [
      "a payload that breaks the schema",
      envelope({ payload: { type: "NAP" } }),
      /payload breaks user\.health_action_recorded\.v1/,
    ],
  ])("marks %s invalid", (_, data, error) => {
    const delivery = parseDelivery({ subject, data: encode(data) }, handlers);
    expect(delivery.kind).toBe("invalid");
    expect(delivery.kind === "invalid" && delivery.error).toMatch(error);
  });

  const withProducer = (producer: string) => {
    const headers = natsHeaders();
    headers.set("Health-Producer", producer);
    return headers;
  };

  it("accepts the subject's owner named in the envelope and the Health-Producer header", () => {
    const delivery = parseDelivery(
      { subject, data: encode(envelope()), headers: withProducer("user") },
      handlers,
    );
    expect(delivery.kind).toBe("event");
  });

  it.each([
    [
      "an envelope naming another producer",
      envelope({ producer: "trade" }),
      undefined,
      /envelope says producer "trade"/,
    ],
    [
      "a Health-Producer header naming another producer",
      envelope(),
      "ec",
      /Health-Producer header says "ec"/,
    ],
  ])("marks %s forged", (_, data, producer, error) => {
    const headers = producer ? withProducer(producer) : undefined;
    const delivery = parseDelivery({ subject, data: encode(data), headers }, handlers);
    expect(delivery.kind).toBe("forged");
    expect(delivery.kind === "forged" && delivery.error).toMatch(error);
  });
});
