import { describe, expect, it } from "vitest";
import { validateNewProduct, validateProductChanges } from "../src/domain/products/rules.ts";

const CATEGORY = "0b7f4d6e-6a0e-4c3b-9b1e-3f7c2a1d5e90";
const input = (overrides: Record<string, unknown> = {}) => ({
  name: "降压茶",
  categoryId: CATEGORY,
  skus: [{ code: "TEA-1", priceAmount: 3_800 }],
  ...overrides,
});

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  throw new Error("expected BAD_USER_INPUT");
};

describe("validateNewProduct", () => {
  it("trims, defaults the currency, stock, attributes and status, and upper-cases the currency", () => {
    expect(
      validateNewProduct(
        input({ name: " 降压茶 ", skus: [{ code: " A ", priceAmount: 1, currency: "usd" }] }),
      ),
    ).toEqual({
      name: "降压茶",
      description: "",
      categoryId: CATEGORY,
      status: "ACTIVE",
      skus: [{ code: "A", priceAmount: 1, currency: "USD", attributes: {}, stock: 0 }],
    });
  });

  it.each([
    [{ skus: [{ code: "A", priceAmount: 1.5 }] }, "input.skus[0].priceAmount"],
    [
      { skus: [{ code: "A", priceAmount: 1, attributes: { size: { nested: true } } }] },
      "input.skus[0].attributes.size",
    ],
    [{ skus: [{ code: "", priceAmount: 1 }] }, "input.skus[0].code"],
    [{ description: "x".repeat(10_001) }, "input.description"],
    [{ name: "x".repeat(121) }, "input.name"],
  ])("refuses %j naming %s", (overrides, field) => {
    expect(fieldOf(() => validateNewProduct(input(overrides)))).toMatchObject({
      code: "BAD_USER_INPUT",
      field,
    });
  });
});

describe("validateProductChanges", () => {
  it("keeps only the fields given", () => {
    expect(validateProductChanges({ name: " Tea ", description: null })).toEqual({ name: "Tea" });
  });

  it("refuses an empty name", () => {
    expect(fieldOf(() => validateProductChanges({ name: " " }))).toMatchObject({ field: "input.name" });
  });
});
