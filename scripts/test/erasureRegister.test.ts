import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERASURE_REGISTER_PATH, erasureRegisterText } from "../erasureRegisterText.ts";

// The register an auditor reads must be exactly what the subgraphs do.
describe("prisma/ERASURE.md", () => {
  it("matches every subgraph's erasure policy (run `npm run privacy:register` after changing one)", async () => {
    expect(existsSync(ERASURE_REGISTER_PATH), "prisma/ERASURE.md is missing").toBe(true);
    expect(readFileSync(ERASURE_REGISTER_PATH, "utf8")).toBe(await erasureRegisterText());
  }, 60_000);
});
