import { describe, expect, it } from "vitest";
import { AppError, badInput, conflict } from "../../src/errors/appError.ts";
import { ErrorCode } from "../../src/errors/errorCode.ts";
import { answerOfError, answerOfValue, parametersHash, replay } from "../../src/idempotency/storedAnswer.ts";

describe("parametersHash", () => {
  it("ignores key order and undefined fields, and tells different values apart", () => {
    expect(parametersHash({ a: 1, b: { c: "x", d: [1, 2] } })).toBe(
      parametersHash({ b: { d: [1, 2], c: "x" }, a: 1, e: undefined }),
    );
    expect(parametersHash({ amount: 100 })).not.toBe(parametersHash({ amount: 101 }));
    expect(parametersHash({ amount: 100 })).not.toBe(parametersHash({ amount: "100" }));
  });
});

describe("stored answers", () => {
  it("replays a value through JSON", () => {
    const stored = JSON.parse(JSON.stringify(answerOfValue({ id: "p1", at: new Date(0) })));
    expect(replay(stored)).toEqual({ id: "p1", at: "1970-01-01T00:00:00.000Z" });
  });

  it("throws a stored AppError again with its code, message and extensions", () => {
    const stored = JSON.parse(
      JSON.stringify(answerOfError(conflict("Not now.", { currentState: "CREATED" }))),
    );
    let thrown: unknown;
    try {
      replay(stored);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe(ErrorCode.CONFLICT);
    expect((thrown as AppError).message).toBe("Not now.");
    expect((thrown as AppError).extensions).toEqual({ code: "CONFLICT", currentState: "CREATED" });
  });

  it("keeps a BAD_USER_INPUT's field", () => {
    const stored = JSON.parse(JSON.stringify(answerOfError(badInput("input.amount", "Too big."))));
    expect(() => replay(stored)).toThrowError(
      expect.objectContaining({ extensions: { code: "BAD_USER_INPUT", field: "input.amount" } }),
    );
  });
});
