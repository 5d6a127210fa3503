import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors/appError.ts";
import { isUuid, uuidArg } from "../../src/graphql/uuid.ts";

const ID = "0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B";

describe("uuid arguments", () => {
  it("isUuid accepts any case and refuses anything else", () => {
    expect(isUuid(ID)).toBe(true);
    expect(isUuid(ID.toLowerCase())).toBe(true);
    expect(isUuid(`${ID}0`)).toBe(false);
    expect(isUuid("not-a-uuid")).toBe(false);
  });

  it("uuidArg lowercases a uuid", () => {
    expect(uuidArg(ID, "orderId")).toBe(ID.toLowerCase());
  });

  it("uuidArg refuses anything else as BAD_USER_INPUT on the field, naming what it expected", () => {
    const refusal = (() => {
      try {
        uuidArg("42", "userId", "a user id");
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toBe('userId must be a user id (uuid); got "42".');
    expect((refusal as AppError).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "userId" });
    expect(() => uuidArg("42", "orderId")).toThrow('orderId must be an id (uuid); got "42".');
  });
});
