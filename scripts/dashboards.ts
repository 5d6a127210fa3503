// npm run dashboards: writes deploy/grafana/platform.json and deploy/grafana/subgraphs/<name>.json from
// scripts/dashboards. With --check, writes nothing and fails when a committed dashboard differs or is missing.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { dashboardFiles, GRAFANA_DIR } from "./dashboards/dashboardFiles.ts";
import { REPO_ROOT, subgraphNames } from "./subgraphRegistry.ts";

const files = dashboardFiles(subgraphNames());
const read = (path: string) =>
  existsSync(join(REPO_ROOT, path)) ? readFileSync(join(REPO_ROOT, path), "utf8") : "";
const stale = [...files].filter(([path, text]) => read(path) !== text).map(([path]) => path);
const subgraphsDir = join(REPO_ROOT, GRAFANA_DIR, "subgraphs");
const orphans = existsSync(subgraphsDir)
  ? readdirSync(subgraphsDir)
      .map((file) => join(GRAFANA_DIR, "subgraphs", file))
      .filter((path) => !files.has(path))
  : [];

if (process.argv.includes("--check")) {
  if (stale.length || orphans.length) {
    console.error(
      `Dashboards out of date: ${[...stale, ...orphans.map((p) => `${p} (no such subgraph)`)].join(", ")}. Run: npm run dashboards`,
    );
    process.exit(1);
  }
  console.log(`${files.size} dashboards match scripts/dashboards`);
} else {
  for (const path of stale) {
    mkdirSync(dirname(join(REPO_ROOT, path)), { recursive: true });
    writeFileSync(join(REPO_ROOT, path), files.get(path) as string);
  }
  console.log(
    `${files.size} dashboards, ${stale.length} updated${orphans.length ? `; remove ${orphans.join(", ")}` : ""}`,
  );
}
