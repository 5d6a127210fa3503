// npm run codegen: runs codegen.yml, writes the typed client to packages/client/src/generated/ and the
// persisted-documents manifest to schema/persisted-documents.json (commit the manifest).
// --check writes nothing and fails when either differs.
// --postinstall writes only the gitignored client: rewriting the committed manifest on every install would
// hide its drift from CI, and an operation that no longer fits the schema must not break `npm ci` (the drift
// test and the typecheck report it instead).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { absolute, codegenFiles, MANIFEST_PATH } from "./codegenFiles.ts";

const check = process.argv.includes("--check");
const postinstall = process.argv.includes("--postinstall");

const differs = ([path, text]: [string, string]) =>
  !existsSync(absolute(path)) || readFileSync(absolute(path), "utf8") !== text;

let files: Awaited<ReturnType<typeof codegenFiles>>;
try {
  files = await codegenFiles();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if (postinstall)
    console.error("codegen: the generated client was not written; fix the above, then: npm run codegen");
  process.exit(postinstall ? 0 : 1);
}

const wanted = new Map(files.client);
if (!postinstall) wanted.set(MANIFEST_PATH, files.manifest);
const stale = [...wanted].filter(differs);

if (check) {
  if (stale.length) {
    console.error(`Codegen drift: ${stale.map(([path]) => path).join(", ")}. Run: npm run codegen`);
    process.exit(1);
  }
  console.log(`codegen: ${wanted.size} files match codegen.yml`);
} else {
  for (const [path, text] of stale) {
    mkdirSync(dirname(absolute(path)), { recursive: true });
    writeFileSync(absolute(path), text);
  }
  console.log(`codegen: ${files.client.size} client files, ${stale.length} updated`);
}
