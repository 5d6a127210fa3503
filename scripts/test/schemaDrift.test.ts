import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { absolute, composedSchemaFiles } from "../composeSchemas.ts";

// CI runs this: the committed schema/ files must be exactly what the code composes.
describe("schema/", () => {
  it("matches what the subgraphs compose to (run `npm run compose` after changing a schema)", async () => {
    const files = await composedSchemaFiles();
    for (const [path, text] of files) {
      expect(existsSync(absolute(path)), `${path} is missing`).toBe(true);
      expect(readFileSync(absolute(path), "utf8"), `${path} is stale`).toBe(text);
    }
  }, 60_000);
});
