import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

type EngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

// Our tsconfig has no DOM lib, where the WebAssembly types live; this is the one call we make.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let loading: Promise<EngineModule> | undefined;
let lastPanic: string | undefined;

// The wasm panic hook reports through this global (the Prisma CLI installs the same one);
// without it a panic surfaces as an unrelated TypeError.
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message: (message: string) => {
    lastPanic = message;
  },
};

/**
 * The package's entry does `import * as wasm from "./schema_engine_bg.wasm"`, which Node only
 * allows behind --experimental-wasm-modules. So we instantiate the .wasm ourselves and bind it
 * to the wasm-bindgen glue, which is exactly what that entry file does.
 */
async function instantiateEngine(): Promise<EngineModule> {
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(gluePath.replace(/\.js$/, ".wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

function loadEngineModule(): Promise<EngineModule> {
  loading ??= instantiateEngine();
  return loading;
}

/**
 * Runs `work` with a fresh wasm schema engine that reaches Postgres through `factory`, and frees
 * the engine afterwards. Closing the connections stays with the caller, who opened them.
 */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  // The engine logs JSON lines through this callback; the errors it throws carry what we need.
  const ignoreLog = () => {};
  const engine = await SchemaEngine.new(
    { datamodels: undefined },
    ignoreLog,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  let panicked = false;
  try {
    return await work(engine);
  } catch (error) {
    const reported = panicOr(error);
    panicked = reported !== error;
    throw reported;
  } finally {
    if (!panicked) engine.free();
  }
}

function panicOr(error: unknown): unknown {
  if (lastPanic === undefined) return error;
  const message = lastPanic;
  lastPanic = undefined;
  loading = undefined; // a panicked wasm instance is not reused
  return new Error(`Prisma schema engine (wasm) panicked: ${message}`, { cause: error });
}
