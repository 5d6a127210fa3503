import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../src/prisma/databaseUnavailable.ts";

const adapterError = (cause: Record<string, unknown>) => ({
  name: "PrismaClientKnownRequestError",
  code: "P2010",
  meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
});

describe("isDatabaseUnavailable", () => {
  it.each([
    ["Prisma cannot reach the server (P1001)", { code: "P1001", message: "Can't reach database server" }],
    ["the pool timed out (P2024)", { code: "P2024" }],
    ["the adapter's DatabaseNotReachable", adapterError({ kind: "DatabaseNotReachable" })],
    ["the adapter's ConnectionClosed", adapterError({ kind: "ConnectionClosed" })],
    ["Postgres shutting down (57P01)", adapterError({ kind: "postgres", code: "57P01" })],
    ["Postgres starting up (57P03)", { message: "x", cause: { code: "57P03" } }],
    ["a connection exception (08006)", { code: "08006" }],
    ["a refused socket", new Error("connect ECONNREFUSED 127.0.0.1:5432")],
    ["pg's dead client", new Error("Client has encountered a connection error and is not queryable")],
  ])("%s is the database being unavailable", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation (P2002)", { code: "P2002", message: "Unique constraint failed" }],
    ["a check violation (23514)", adapterError({ kind: "postgres", code: "23514" })],
    ["a syntax error (42601)", { code: "42601" }],
    ["a plain bug", new TypeError("cannot read properties of undefined")],
    ["nothing", undefined],
  ])("%s is not", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
