// Compiles a process's TypeScript entry into one ES module that plain Node runs. The entry's own code
// and the workspace packages it imports (@health/*, TypeScript source) are bundled; every other package
// stays an import resolved from node_modules as usual. `npm start` and the container image run every
// process this way (`<router|subgraphs/name>/dist/main.mjs`): compiled JavaScript spares each process
// tsx's loader thread and on-the-fly transforms, 60–90 MiB apiece. Tests and `npm run dev` run the source.
// Usage: node scripts/bundle.mjs [router|<subgraph>|media-server ...]   (default: all of them)
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Bare imports other than the workspace's own packages are left to Node's resolution at run time, from
 * the bundle's folder: the root node_modules. So a package a workspace needs in another version than the
 * one hoisted there is pinned in the root package.json's `dependencies` too (the OpenTelemetry 2.x SDK
 * packages, which @apollo/gateway pulls in as 1.x), or the compiled process imports the wrong one
 * (scripts/test/compiledProcesses.int.test.ts starts every bundle).
 */
const keepDependenciesExternal = {
  name: "keep-dependencies-external",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@health/") ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Bundles `entry` (a path from the repository root) into `outfile` and resolves to `outfile`. Source
 * maps are written beside it; NODE_OPTIONS=--enable-source-maps maps stack traces back to TypeScript.
 */
export async function bundleEntry({ entry, outfile }) {
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [keepDependenciesExternal],
  });
  return outfile;
}

/** The folder of process `name`: `router`, or `subgraphs/<name>`. */
const processDir = (name) => (name === "router" ? "router" : join("subgraphs", name));

/** Processes that are not a subgraph's main: biz's local media server (subgraphs/biz/README.md, "Live streams"). */
const EXTRA_PROCESSES = {
  "media-server": {
    entry: join("subgraphs", "biz", "src", "live", "mediaServerMain.ts"),
    outfile: join(root, "subgraphs", "biz", "dist", "mediaServer.mjs"),
  },
};

/**
 * Compiles process `name` (`router`, a subgraph, or `media-server`) into `<its folder>/dist/main.mjs`
 * (the media server: `subgraphs/biz/dist/mediaServer.mjs`); resolves to that path.
 */
export const bundleProcess = (name) =>
  bundleEntry(
    EXTRA_PROCESSES[name] ?? {
      entry: join(processDir(name), "src", "main.ts"),
      outfile: join(root, processDir(name), "dist", "main.mjs"),
    },
  );

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  const all = ["router", ...readdirSync(join(root, "subgraphs")), ...Object.keys(EXTRA_PROCESSES)];
  for (const name of names.length ? names : all) console.log(`compiled ${await bundleProcess(name)}`);
}
