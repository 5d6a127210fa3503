import { describe, expect, it } from "vitest";
import { stateMachine } from "../src/stateMachine/stateMachine.ts";

const door = stateMachine<"OPEN" | "SHUT" | "GONE">("Door", {
  OPEN: ["SHUT"],
  SHUT: ["OPEN", "GONE"],
  GONE: [],
});

describe("stateMachine", () => {
  it("allows the listed moves and knows the final states", () => {
    expect(door.transition("d1", "OPEN", "SHUT")).toBe("SHUT");
    expect(door.canTransition("OPEN", "GONE")).toBe(false);
    expect(door.isTerminal("GONE")).toBe(true);
  });

  it("refuses any other move with CONFLICT naming the current state and what it may become", () => {
    expect(() => door.transition("d1", "OPEN", "GONE")).toThrow(
      expect.objectContaining({
        message: "Door d1 is OPEN: it cannot become GONE (it can only go to SHUT).",
        extensions: { code: "CONFLICT", currentState: "OPEN" },
      }),
    );
    expect(door.illegalTransition("d1", "GONE", "OPEN").message).toContain("(it is final)");
  });
});
