import { describe, expect, it } from "vitest";
import { parseRejectionReason, validateCoachApplication } from "../src/domain/coachApplicationInput.ts";

const certificate = {
  name: " Registered Dietitian ",
  issuer: "CDA",
  number: " ",
  url: "https://cda.example/rd/1",
};
const valid = {
  specialties: [" Nutrition ", "nutrition", "Sleep"],
  regions: ["Shanghai"],
  certificates: [certificate],
};

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  return null;
};

describe("validateCoachApplication", () => {
  it("normalizes tags as trade compares them, trims text and treats a blank number as absent", () => {
    expect(validateCoachApplication(valid)).toEqual({
      specialties: ["nutrition", "sleep"],
      regions: ["shanghai"],
      certificates: [
        { name: "Registered Dietitian", issuer: "CDA", number: null, url: "https://cda.example/rd/1" },
      ],
    });
  });

  it.each([
    [{ specialties: Array.from({ length: 21 }, (_, i) => `s${i}`) }, "input.specialties"],
    [{ regions: ["x".repeat(65)] }, "input.regions[0]"],
    [{ certificates: Array.from({ length: 11 }, () => certificate) }, "input.certificates"],
    [{ certificates: [{ name: "RD", issuer: " ", number: "1" }] }, "input.certificates[0].issuer"],
    [
      { certificates: [{ name: "RD", issuer: "CDA", url: "ftp://cda.example/1" }] },
      "input.certificates[0].url",
    ],
    [{ certificates: [{ name: "RD", issuer: "CDA", number: "", url: "" }] }, "input.certificates[0]"],
  ])("names the field at fault for %o", (change, field) => {
    expect(fieldOf(() => validateCoachApplication({ ...valid, ...change }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field,
    });
  });
});

describe("parseRejectionReason", () => {
  it("requires a reason of 1–500 characters", () => {
    expect(parseRejectionReason("  Unverifiable.  ")).toBe("Unverifiable.");
    expect(fieldOf(() => parseRejectionReason(" "))).toMatchObject({ field: "reason" });
    expect(fieldOf(() => parseRejectionReason("x".repeat(501)))).toMatchObject({ field: "reason" });
  });
});
