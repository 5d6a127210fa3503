import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, visit } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { absolute, type CodegenFiles, codegenFiles, MANIFEST_PATH } from "../codegenFiles.ts";

const PARTNER_OPERATIONS_DIR = join("schema", "operations", "partner");

const readIfExists = (path: string): string | undefined =>
  existsSync(absolute(path)) ? readFileSync(absolute(path), "utf8") : undefined;

// CI runs this: the committed manifest and the generated client must be exactly what codegen.yml produces.
describe("codegen output", () => {
  let fresh: CodegenFiles;
  let committed: Record<string, string>;
  beforeAll(async () => {
    fresh = await codegenFiles();
    committed = JSON.parse(readIfExists(MANIFEST_PATH) ?? "{}") as Record<string, string>;
  }, 60_000);

  it("schema/persisted-documents.json matches the operations", () => {
    expect(
      readIfExists(MANIFEST_PATH),
      "the manifest is stale: run npm run codegen and commit schema/persisted-documents.json",
    ).toBe(fresh.manifest);
  });

  it("the generated client in packages/client/src/generated matches the schema and operations", () => {
    const stale = [...fresh.client]
      .filter(([path, text]) => readIfExists(path) !== text)
      .map(([path]) => path);
    expect(stale, "the generated client is stale: run npm run codegen").toEqual([]);
  });

  it("each manifest id is the SHA-256 (hex) of its document, as the router checks", () => {
    const wrong = Object.entries(committed).filter(([id, body]) => sha256(body) !== id);
    expect(wrong.map(([id]) => id)).toEqual([]);
  });

  it("each partner operation is in the manifest, with every fragment it uses defined in its own file", () => {
    const manifestNames = new Set(Object.values(committed).map(operationNameOf));
    const operations = partnerOperationFiles().map((path) => {
      const document = parse(readFileSync(absolute(path), "utf8"));
      return { path, name: operationNameOf(document), borrowed: borrowedFragments(document) };
    });
    expect(operations.length).toBeGreaterThan(0);
    for (const { path, name, borrowed } of operations) {
      expect(manifestNames.has(name), `${path}: ${name} is not in the manifest`).toBe(true);
      // A partner's id must not change when a first-party fragment does.
      expect(borrowed, `${path} uses fragments defined elsewhere`).toEqual([]);
    }
  });
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function partnerOperationFiles(): string[] {
  return readdirSync(absolute(PARTNER_OPERATIONS_DIR), { withFileTypes: true })
    .filter((scope) => scope.isDirectory())
    .flatMap((scope) =>
      readdirSync(absolute(join(PARTNER_OPERATIONS_DIR, scope.name)))
        .filter((file) => file.endsWith(".graphql"))
        .map((file) => join(PARTNER_OPERATIONS_DIR, scope.name, file)),
    );
}

function operationNameOf(source: string | ReturnType<typeof parse>): string {
  const document = typeof source === "string" ? parse(source) : source;
  for (const definition of document.definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value ?? "";
  return "";
}

function borrowedFragments(document: ReturnType<typeof parse>): string[] {
  const defined = new Set<string>();
  const used = new Set<string>();
  visit(document, {
    FragmentDefinition: (node) => void defined.add(node.name.value),
    FragmentSpread: (node) => void used.add(node.name.value),
  });
  return [...used].filter((name) => !defined.has(name));
}
