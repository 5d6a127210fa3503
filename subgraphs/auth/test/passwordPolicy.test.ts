import { describe, expect, it } from "vitest";
import { passwordProblem } from "../src/domain/passwordPolicy.ts";

describe("passwordProblem", () => {
  it("accepts a long password mixing kinds of characters", () => {
    expect(passwordProblem("correct-horse-42", "ann@example.com")).toBeNull();
  });

  it.each([
    ["short1", "at least 10"],
    ["password123", "too common"],
    ["alllowercaseletters", "mix at least two"],
    ["annabelle-2024", "must not contain your email"],
    ["a1".repeat(65), "at most 128"],
  ])("refuses %s", (password, reason) => {
    expect(passwordProblem(password, "annabelle@example.com")).toContain(reason);
  });
});
