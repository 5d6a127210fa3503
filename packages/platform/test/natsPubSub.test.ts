import type { NatsConnection } from "nats";
import { describe, expect, it } from "vitest";
import { NatsPubSub } from "../src/nats/natsPubSub.ts";

const published: Array<[string, string]> = [];
const nats = {
  publish: (subject: string, data: Uint8Array) => published.push([subject, new TextDecoder().decode(data)]),
} as unknown as NatsConnection;

describe("NatsPubSub subjects", () => {
  it("is <prefix>.<routingKey>.<id>, the prefix optional", () => {
    expect(new NatsPubSub(nats, { prefix: "t_1" }).subject("feed.updated", "abc-1")).toBe(
      "t_1.feed.updated.abc-1",
    );
    expect(new NatsPubSub(nats).subject("feed.updated")).toBe("feed.updated");
  });

  it("publishes JSON with or without an id", () => {
    const pubSub = new NatsPubSub(nats);
    pubSub.publish("feed.updated", "u1", { a: 1 });
    pubSub.publish("news", { b: 2 });
    expect(published).toEqual([
      ["feed.updated.u1", '{"a":1}'],
      ["news", '{"b":2}'],
    ]);
  });

  it("refuses an id or prefix that is not one subject token (no wildcards, no dots)", () => {
    expect(() => new NatsPubSub(nats).subject("feed.updated", "*")).toThrow();
    expect(() => new NatsPubSub(nats).subject("feed.updated", "a.b")).toThrow();
    expect(() => new NatsPubSub(nats, { prefix: ">" })).toThrow();
  });
});
