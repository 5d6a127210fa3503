// Bundles the router's GraphiQL explorer (router/explorer) into router/explorer/dist with esbuild, so the
// router can serve it with no internet: GraphiQL's own setup-workers helpers load Monaco's workers from
// esm.sh or expect vite/webpack, so the workers are bundled here as separate files (../shared/design/TOOLCHAIN.md).
// Runs from the root postinstall: it skips the work when dist is newer than every input, and exits quietly
// when the dev dependencies are not installed (a production install).
// Usage: node scripts/buildExplorer.mjs [--force]
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const explorerDir = join(root, "router", "explorer");
const distDir = join(explorerDir, "dist");
const requireFromRouter = createRequire(join(root, "router", "package.json"));

// Their package.json mtimes change on every (re)install, which is what should trigger a rebuild.
const bundledPackages = [
  "graphiql",
  "@graphiql/react",
  "@graphiql/toolkit",
  "monaco-editor",
  "monaco-graphql",
  "react",
  "react-dom",
  "graphql",
  "graphql-ws",
];

const workerEntries = {
  editor: "monaco-editor/esm/vs/editor/editor.worker.js",
  json: "monaco-editor/esm/vs/language/json/json.worker.js",
  graphql: "monaco-graphql/esm/graphql.worker.js",
};

const tryResolve = (specifier) => {
  try {
    return requireFromRouter.resolve(specifier);
  } catch {
    return undefined;
  }
};

const inputFiles = () => [
  fileURLToPath(import.meta.url),
  join(explorerDir, "app.tsx"),
  join(explorerDir, "index.html"),
  ...bundledPackages.map((name) => tryResolve(`${name}/package.json`)).filter(Boolean),
];

const isFresh = () => {
  const builtAt = join(distDir, "index.html");
  if (!existsSync(builtAt)) return false;
  const distTime = statSync(builtAt).mtimeMs;
  return inputFiles().every((file) => statSync(file).mtimeMs < distTime);
};

// graphql-ws is only needed once a subscription runs; without it the bundle still builds and the
// fetcher reports a clear error instead of the build failing.
const optionalGraphqlWs = {
  name: "optional-graphql-ws",
  setup(build) {
    if (tryResolve("graphql-ws")) return;
    build.onResolve({ filter: /^graphql-ws$/ }, () => ({ path: "graphql-ws", namespace: "missing" }));
    build.onLoad({ filter: /.*/, namespace: "missing" }, () => ({
      contents:
        'export function createClient() { throw new Error("The explorer was built without graphql-ws: add it to @health/router and run npm run explorer:build"); }',
      loader: "js",
    }));
  },
};

const formatSize = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function build(esbuild, outDir) {
  const common = {
    absWorkingDir: root,
    bundle: true,
    minify: true,
    outdir: outDir,
    entryNames: "[name]-[hash]",
    target: ["es2022"],
    metafile: true,
    logLevel: "warning",
    define: { "process.env.NODE_ENV": '"production"' },
  };
  const outputOf = (metafile, entryPoint) =>
    Object.entries(metafile.outputs).find(([, meta]) => meta.entryPoint === entryPoint);

  const workers = await esbuild.build({
    ...common,
    entryPoints: Object.fromEntries(
      Object.entries(workerEntries).map(([label, spec]) => [
        `${label}.worker`,
        requireFromRouter.resolve(spec),
      ]),
    ),
    format: "iife",
  });
  const workerFiles = Object.fromEntries(
    Object.entries(workerEntries).map(([label, spec]) => [
      label,
      basename(outputOf(workers.metafile, relative(root, requireFromRouter.resolve(spec)))[0]),
    ]),
  );

  const appEntry = relative(root, join(explorerDir, "app.tsx"));
  const app = await esbuild.build({
    ...common,
    entryPoints: { index: appEntry },
    format: "esm",
    // Monaco and prettier are imported lazily by @graphiql/react; chunks keep the first paint small.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    assetNames: "assets/[name]-[hash]",
    jsx: "automatic",
    loader: { ".ttf": "file", ".woff": "file", ".woff2": "file" },
    define: { ...common.define, EXPLORER_WORKERS: JSON.stringify(workerFiles) },
    plugins: [optionalGraphqlWs],
  });

  const [jsOut, jsMeta] = outputOf(app.metafile, appEntry);
  // esbuild also writes the CSS that lazily imported Monaco modules import, but nothing loads those files:
  // graphiql/style.css, in the entry's CSS bundle, already holds Monaco's styles.
  for (const out of Object.keys(app.metafile.outputs)) {
    if (out.endsWith(".css") && out !== jsMeta.cssBundle) {
      rmSync(join(root, out));
      delete app.metafile.outputs[out];
    }
  }

  const html = readFileSync(join(explorerDir, "index.html"), "utf8")
    .replace("%JS%", basename(jsOut))
    .replace("%CSS%", basename(jsMeta.cssBundle));
  writeFileSync(join(outDir, "index.html"), html);

  const outputs = [...Object.values(workers.metafile.outputs), ...Object.values(app.metafile.outputs)];
  return outputs.reduce((sum, out) => sum + out.bytes, 0) + Buffer.byteLength(html);
}

async function main() {
  const force = process.argv.includes("--force");
  const esbuildPath = tryResolve("esbuild");
  if (!esbuildPath || !tryResolve("graphiql")) {
    console.log("explorer: skipped, esbuild or graphiql not installed (production install?)");
    return;
  }
  if (!force && isFresh()) {
    console.log(`explorer: up to date (${relative(root, distDir)})`);
    return;
  }
  const started = performance.now();
  const esbuildModule = await import(pathToFileURL(esbuildPath).href);
  const esbuild = esbuildModule.default ?? esbuildModule;
  // Build next to dist and swap it in, so a failed build never leaves a half-written dist behind.
  const tmpDir = `${distDir}.tmp-${process.pid}`;
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  try {
    const bytes = await build(esbuild, tmpDir);
    rmSync(distDir, { recursive: true, force: true });
    renameSync(tmpDir, distDir);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`explorer: built ${relative(root, distDir)} (${formatSize(bytes)}) in ${seconds} s`);
  } catch (error) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  }
}

await main();
