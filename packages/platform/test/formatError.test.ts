import { GraphQLError } from "graphql";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { badInput, conflict } from "../src/errors/appError.ts";
import { createFormatError, fieldOfVariableError } from "../src/errors/formatError.ts";

const logged: unknown[] = [];
const logger = pino({ level: "error" }, { write: (line: string) => logged.push(JSON.parse(line)) });
const formatError = createFormatError(logger);

const asFormatted = (error: GraphQLError) => ({
  ...error.toJSON(),
  extensions: { ...error.extensions, stacktrace: ["at x"] },
});

describe("formatError", () => {
  it("turns an unexpected error into INTERNAL: no message, no stack, no SQL; the original is logged", () => {
    const sqlError = new Error(
      'duplicate key value violates unique constraint "res_users_email_key" SELECT * FROM res_users',
    );
    const wrapped = new GraphQLError(sqlError.message, { originalError: sqlError, path: ["register"] });
    const formatted = formatError(asFormatted(wrapped), wrapped);
    expect(formatted).toEqual({
      message: "Internal server error. The request id in the logs has the details.",
      path: ["register"],
      extensions: { code: "INTERNAL" },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/res_users|SELECT|stack/);
    expect(JSON.stringify(logged)).toContain("res_users_email_key");
  });

  it("turns an unreachable database into UNAVAILABLE (reason DATABASE), with nothing of the driver's error", () => {
    const down = Object.assign(new Error("Can't reach database server at 10.0.0.7:5432"), { code: "P1001" });
    const wrapped = new GraphQLError(down.message, { originalError: down, path: ["recordHealthAction"] });
    const formatted = formatError(asFormatted(wrapped), wrapped);
    expect(formatted).toMatchObject({
      path: ["recordHealthAction"],
      extensions: { code: "UNAVAILABLE", reason: "DATABASE", retryAfterSeconds: 5 },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/10\.0\.0\.7|stack/);
  });

  it("keeps an AppError's code, message and field, and drops the stack", () => {
    const error = badInput("input.systolic", "Systolic must be 50–260 mmHg.");
    expect(formatError(asFormatted(error), error)).toEqual({
      message: "Systolic must be 50–260 mmHg.",
      extensions: { code: "BAD_USER_INPUT", field: "input.systolic" },
    });
  });

  it("passes details of a CONFLICT through", () => {
    const error = conflict("Order is assigned.", { currentState: "ASSIGNED" });
    expect(formatError(asFormatted(error), error).extensions).toEqual({
      code: "CONFLICT",
      currentState: "ASSIGNED",
    });
  });

  it("renames type-graphql's UNAUTHORIZED to FORBIDDEN", () => {
    const error = new GraphQLError("Access denied!", { extensions: { code: "UNAUTHORIZED" } });
    expect(formatError(asFormatted(error), error).extensions).toEqual({ code: "FORBIDDEN" });
  });

  it("names the field of a bad variable", () => {
    expect(
      fieldOfVariableError(
        'Variable "$input" got invalid value "CHOLESTEROL" at "input.metric"; Value "CHOLESTEROL" does not exist in "HealthMetric" enum.',
      ),
    ).toBe("input.metric");
    expect(fieldOfVariableError('Variable "$id" of required type "ID!" was not provided.')).toBe("id");
  });
});
