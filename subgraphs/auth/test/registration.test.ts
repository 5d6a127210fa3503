import { describe, expect, it } from "vitest";
import { validateRegistration } from "../src/domain/registration.ts";

const valid = {
  email: " Ann@Example.com ",
  password: "correct-horse-42",
  displayName: " Ann ",
};

describe("validateRegistration", () => {
  it("normalizes email and display name", () => {
    expect(validateRegistration(valid)).toMatchObject({ email: "ann@example.com", displayName: "Ann" });
  });

  it.each([
    [{ email: "not-an-email" }, "email"],
    [{ password: "weak" }, "password"],
    [{ displayName: "  " }, "displayName"],
  ])("names the field at fault for %o", (change, field) => {
    expect(() => validateRegistration({ ...valid, ...change } as never)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field }) }),
    );
  });
});
