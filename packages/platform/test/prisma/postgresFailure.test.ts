import { describe, expect, it } from "vitest";
import { isUniqueViolation, postgresFailure } from "../../src/prisma/postgresFailure.ts";

// Shapes as Prisma 7 with @prisma/adapter-pg reports them: a P-code on top, the SQLSTATE nested.
const prismaUnique = Object.assign(new Error("Unique constraint failed on the fields: (`email`)"), {
  code: "P2002",
  meta: { driverAdapterError: { cause: { originalCode: "23505", constraint: "accounts_email_key" } } },
});
const rawUnique = Object.assign(new Error("raw query failed"), {
  cause: {
    code: "23505",
    message: 'duplicate key value violates unique constraint "appointments_order_id_key"',
  },
});
const exclusion = Object.assign(new Error("raw query failed"), {
  cause: { code: "23P01", constraint: "appointments_no_overlap" },
});

describe("postgresFailure", () => {
  it("prefers the SQLSTATE to Prisma's code and gathers messages and constraint names", () => {
    expect(postgresFailure(prismaUnique)).toEqual({
      code: "23505",
      text: "Unique constraint failed on the fields: (`email`) accounts_email_key",
    });
    expect(postgresFailure(exclusion).code).toBe("23P01");
  });

  it("falls back to Prisma's code, and to none", () => {
    expect(postgresFailure(Object.assign(new Error("x"), { code: "P2002" })).code).toBe("P2002");
    expect(postgresFailure(new Error("plain"))).toEqual({ code: undefined, text: "plain" });
    expect(postgresFailure("not an object")).toEqual({ code: undefined, text: "" });
  });

  it("stops at a cycle", () => {
    const looped: { code: string; cause?: unknown } = { code: "23505" };
    looped.cause = looped;
    expect(postgresFailure(looped).code).toBe("23505");
  });
});

describe("isUniqueViolation", () => {
  it("is true for Prisma's P2002, with or without a nested SQLSTATE, and for a raw 23505", () => {
    expect(isUniqueViolation(prismaUnique)).toBe(true);
    expect(isUniqueViolation(Object.assign(new Error("x"), { code: "P2002" }))).toBe(true);
    expect(isUniqueViolation(rawUnique)).toBe(true);
  });

  it("is false for other failures", () => {
    expect(isUniqueViolation(exclusion)).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error("x"), { code: "P2025" }))).toBe(false);
    expect(isUniqueViolation(new Error("plain"))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
