import { describe, expect, it } from "vitest";
import { MAX_MONEY_AMOUNT, parseMoney } from "../../src/money/parseMoney.ts";

describe("parseMoney", () => {
  it("keeps whole minor units, upper-cases the currency and defaults it to CNY", () => {
    expect(parseMoney(1999, "usd", "input")).toEqual({ amount: 1999, currency: "USD" });
    expect(parseMoney(0, null, "input")).toEqual({ amount: 0, currency: "CNY" });
  });

  it.each([
    [-1, "CNY", "input.skus[0].priceAmount"],
    [19.99, "CNY", "input.skus[0].priceAmount"],
    [MAX_MONEY_AMOUNT + 1, "CNY", "input.skus[0].priceAmount"],
    [100, "yuan", "input.skus[0].currency"],
  ])("refuses %s %s, naming %s", (amount, currency, field) => {
    expect(() => parseMoney(amount, currency, "input.skus[0]")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field }) }),
    );
  });
});
