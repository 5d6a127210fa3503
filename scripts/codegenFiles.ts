import { join } from "node:path";
import { generate, loadCodegenConfig } from "@graphql-codegen/cli";
import { Kind, parse } from "graphql";

const REPO_ROOT = join(import.meta.dirname, "..");

/** The committed persisted-documents manifest (id → document), the contract the router and partners share. */
export const MANIFEST_PATH = join("schema", "persisted-documents.json");
/** Where codegen.yml puts the generated client (gitignored). */
const GENERATED_CLIENT_DIR = join("packages", "client", "src", "generated");

interface GeneratedFile {
  filename: string;
  content: string;
}

export interface CodegenFiles {
  /** The generated client, by path relative to the repository root. */
  client: Map<string, string>;
  /** The text of `MANIFEST_PATH`. */
  manifest: string;
}

/** Runs codegen.yml in memory: nothing is written. */
export async function codegenFiles(): Promise<CodegenFiles> {
  const { config } = await loadCodegenConfig({ configFilePath: join(REPO_ROOT, "codegen.yml") });
  const outputs: GeneratedFile[] = await generate({ ...config, cwd: REPO_ROOT, silent: true }, false);
  const client = new Map(outputs.map((file) => [file.filename, file.content]));
  const generatedManifest = client.get(join(GENERATED_CLIENT_DIR, "persisted-documents.json"));
  if (generatedManifest === undefined)
    throw new Error("codegen.yml must set presetConfig.persistedDocuments: no manifest was generated");
  return { client, manifest: committedManifestText(JSON.parse(generatedManifest)) };
}

export const absolute = (path: string): string => join(REPO_ROOT, path);

// Ordered by operation name, so that adding or changing an operation is a small reviewable diff.
function committedManifestText(documents: Record<string, string>): string {
  const entries = Object.entries(documents).map(([id, body]) => ({ id, body, name: operationNameOf(body) }));
  entries.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return `${JSON.stringify(Object.fromEntries(entries.map(({ id, body }) => [id, body])), null, 2)}\n`;
}

function operationNameOf(body: string): string {
  for (const definition of parse(body, { noLocation: true }).definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) return definition.name.value;
  throw new Error(`Every operation needs a name (the router and partners refer to it): ${body}`);
}
