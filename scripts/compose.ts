// npm run compose: prints every subgraph's SDL to schema/subgraphs/, composes schema/supergraph.graphql
// and schema/api.graphql. With --check, writes nothing and fails when the committed files differ.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { CompositionError } from "@health/platform/schema";
import { absolute, composedSchemaFiles } from "./composeSchemas.ts";

const check = process.argv.includes("--check");

try {
  const files = await composedSchemaFiles();
  const stale = [...files].filter(
    ([path, text]) => !existsSync(absolute(path)) || readFileSync(absolute(path), "utf8") !== text,
  );
  if (check) {
    if (stale.length) {
      console.error(
        `Schema drift: ${stale.map(([path]) => path).join(", ")} differ from the code. Run: npm run compose`,
      );
      process.exit(1);
    }
    console.log(`schema: ${files.size} files match the code`);
  } else {
    for (const [path, text] of stale) {
      mkdirSync(dirname(absolute(path)), { recursive: true });
      writeFileSync(absolute(path), text);
    }
    console.log(`schema: composed ${files.size - 2} subgraphs; ${stale.length} file(s) updated`);
  }
} catch (error) {
  if (error instanceof CompositionError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
