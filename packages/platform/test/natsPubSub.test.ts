import { catalog } from "@health/events/catalog";
import type { NatsConnection } from "nats";
import { describe, expect, it } from "vitest";
import { LIVE_SUBJECT_ROOT, NatsPubSub } from "../src/nats/natsPubSub.ts";

const published: Array<[string, string]> = [];
const nats = {
  publish: (subject: string, data: Uint8Array) => published.push([subject, new TextDecoder().decode(data)]),
} as unknown as NatsConnection;

describe("NatsPubSub subjects", () => {
  it("is <prefix>.live.<routingKey>.<id>, the prefix optional", () => {
    expect(new NatsPubSub(nats, { prefix: "t_1" }).subject("feed.updated", "abc-1")).toBe(
      "t_1.live.feed.updated.abc-1",
    );
    expect(new NatsPubSub(nats).subject("feed.updated")).toBe("live.feed.updated");
  });

  it("stays outside every events subject, which the EVENTS stream stores (<producer>.>)", () => {
    const producers = new Set(catalog.map((event) => event.producer));
    expect(producers.has(LIVE_SUBJECT_ROOT as never)).toBe(false);
    expect(new NatsPubSub(nats).subject("biz.live_chat", "s1").split(".")[0]).toBe(LIVE_SUBJECT_ROOT);
  });

  it("publishes JSON with or without an id", () => {
    const pubSub = new NatsPubSub(nats);
    pubSub.publish("feed.updated", "u1", { a: 1 });
    pubSub.publish("news", { b: 2 });
    expect(published).toEqual([
      ["live.feed.updated.u1", '{"a":1}'],
      ["live.news", '{"b":2}'],
    ]);
  });

  it("refuses an id or prefix that is not one subject token (no wildcards, no dots)", () => {
    expect(() => new NatsPubSub(nats).subject("feed.updated", "*")).toThrow();
    expect(() => new NatsPubSub(nats).subject("feed.updated", "a.b")).toThrow();
    expect(() => new NatsPubSub(nats, { prefix: ">" })).toThrow();
  });
});
