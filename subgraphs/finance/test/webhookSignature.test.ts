import { describe, expect, it } from "vitest";
import { isDeclined } from "../src/domain/payments/local/localProvider.ts";
import { signWebhook, verifyWebhookSignature } from "../src/domain/payments/local/webhookSignature.ts";
import { WebhookRejected } from "../src/domain/payments/provider.ts";

const SECRET = "a-test-secret-of-some-length";
const body = JSON.stringify({ id: "evt_1", type: "authorization.succeeded" });
const now = new Date("2026-12-07T00:00:00Z");

describe("the local provider's webhook signature", () => {
  it("accepts its own signature within the window", () => {
    expect(() => verifyWebhookSignature(SECRET, signWebhook(SECRET, body, now), body, now)).not.toThrow();
  });

  it("refuses another secret, a changed body, a missing header, and an old timestamp", () => {
    const signed = signWebhook(SECRET, body, now);
    expect(() =>
      verifyWebhookSignature(SECRET, signWebhook("another-secret-entirely", body, now), body, now),
    ).toThrow(WebhookRejected);
    expect(() => verifyWebhookSignature(SECRET, signed, body.replace("evt_1", "evt_2"), now)).toThrow(
      WebhookRejected,
    );
    expect(() => verifyWebhookSignature(SECRET, undefined, body, now)).toThrow(WebhookRejected);
    const later = new Date(now.getTime() + 301_000);
    expect(() => verifyWebhookSignature(SECRET, signed, body, later)).toThrow(/tolerance/);
  });
});

describe("the local provider's declines", () => {
  it("declines amounts ending in the configured digits", () => {
    expect(isDeclined(1666, "666")).toBe(true);
    expect(isDeclined(666, "666")).toBe(true);
    expect(isDeclined(1665, "666")).toBe(false);
  });
});
