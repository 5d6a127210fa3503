import { describe, expect, it } from "vitest";
import { decideReview, parseCertificate, parseReason } from "../src/domain/certificates/rules.ts";
import { decideRating, MAX_COMMENT_LENGTH, parseRating } from "../src/domain/ratings/rules.ts";

const orderId = "0b7f3f3e-8a53-4d0c-9a0b-2f4f5a6b7c8d";
const customerId = "1b7f3f3e-8a53-4d0c-9a0b-2f4f5a6b7c8d";
const coachId = "2b7f3f3e-8a53-4d0c-9a0b-2f4f5a6b7c8d";
const admin = { userId: "3b7f3f3e-8a53-4d0c-9a0b-2f4f5a6b7c8d", roles: ["user", "admin"] } as never;

const extensionsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error("expected a refusal");
};

describe("parseRating", () => {
  it("takes a score 1–5 and trims the comment (none is an empty one)", () => {
    expect(parseRating({ orderId, score: 5, comment: "  Great plan!  " })).toEqual({
      orderId,
      score: 5,
      comment: "Great plan!",
    });
    expect(parseRating({ orderId, score: 1 }).comment).toBe("");
  });

  it("refuses a score out of 1–5 or not whole, a long comment and a malformed order id, naming the field", () => {
    for (const score of [0, 6, 4.5]) {
      expect(extensionsOf(() => parseRating({ orderId, score }))).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "score",
      });
    }
    const long = "x".repeat(MAX_COMMENT_LENGTH + 1);
    expect(extensionsOf(() => parseRating({ orderId, score: 3, comment: long }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "comment",
    });
    expect(
      parseRating({ orderId, score: 3, comment: ` ${"x".repeat(MAX_COMMENT_LENGTH)} ` }).comment,
    ).toHaveLength(MAX_COMMENT_LENGTH);
    expect(extensionsOf(() => parseRating({ orderId: "nope", score: 3 }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "orderId",
    });
  });
});

describe("decideRating", () => {
  const completed = { customerId, coachId, completedAt: new Date() };

  it("lets the customer of a completed order rate its coach", () => {
    expect(decideRating(orderId, completed, customerId)).toEqual({ coachId });
  });

  it("answers someone else's order exactly as an order ops never heard of (NOT_FOUND)", () => {
    const theirs = extensionsOf(() => decideRating(orderId, completed, coachId));
    const unknown = extensionsOf(() => decideRating(orderId, null, coachId));
    expect(theirs).toEqual(unknown);
    expect(theirs).toMatchObject({ code: "NOT_FOUND" });
  });

  it("tells the customer of an order not completed yet to complete it first (CONFLICT)", () => {
    expect(
      extensionsOf(() => decideRating(orderId, { ...completed, completedAt: null }, customerId)),
    ).toMatchObject({ code: "CONFLICT", reason: "ORDER_NOT_COMPLETED" });
  });
});

describe("certificates", () => {
  it("trims a certificate and needs a number or an http(s) url to check it by", () => {
    expect(parseCertificate({ name: " RD ", issuer: " CDA ", number: " 42 ", url: "" })).toEqual({
      name: "RD",
      issuer: "CDA",
      number: "42",
      url: null,
    });
    expect(extensionsOf(() => parseCertificate({ name: "RD", issuer: "CDA" }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.number",
    });
    expect(
      extensionsOf(() => parseCertificate({ name: "RD", issuer: "CDA", url: "javascript:alert(1)" })),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "input.url" });
    expect(extensionsOf(() => parseCertificate({ name: " ", issuer: "CDA", number: "1" }))).toMatchObject({
      field: "input.name",
    });
    expect(extensionsOf(() => parseReason("   "))).toMatchObject({ field: "reason" });
  });

  it("lets an admin decide another coach's pending certificate, never their own, and only once", () => {
    const pending = { id: orderId, coachId, status: "PENDING" };
    expect(() => decideReview(pending, admin)).not.toThrow();
    const own = { userId: coachId, roles: ["coach", "admin"] } as never;
    expect(extensionsOf(() => decideReview(pending, own))).toMatchObject({ code: "FORBIDDEN" });
    expect(extensionsOf(() => decideReview({ ...pending, status: "VERIFIED" }, admin))).toMatchObject({
      code: "CONFLICT",
      currentStatus: "VERIFIED",
    });
  });
});
