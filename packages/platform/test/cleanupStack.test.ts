import { describe, expect, it } from "vitest";
import { CleanupStack } from "../src/server/cleanupStack.ts";

describe("CleanupStack", () => {
  it("runs its steps last first, each once", async () => {
    const ran: string[] = [];
    const stack = new CleanupStack();
    stack.defer(() => void ran.push("connections"));
    stack.defer(async () => void ran.push("relay"));
    stack.defer(() => void ran.push("sweeper"));
    await stack.close();
    await stack.close();
    expect(ran).toEqual(["sweeper", "relay", "connections"]);
  });

  it("runs every step when one fails, then throws the first failure", async () => {
    const ran: string[] = [];
    const stack = new CleanupStack();
    stack.defer(() => void ran.push("connections"));
    stack.defer(() => {
      throw new Error("relay stuck");
    });
    stack.defer(() => {
      throw new Error("consumer stuck");
    });
    await expect(stack.close()).rejects.toThrow("consumer stuck");
    expect(ran).toEqual(["connections"]);
  });
});
