// npm start: install if needed, then hand over to scripts/runPlatform.ts (which needs the installed tsx).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(join(root, "node_modules", ".package-lock.json"))) {
  console.log("Installing dependencies (npm ci)…");
  const install = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const platform = spawn(process.execPath, ["--import", "tsx", join(root, "scripts", "runPlatform.ts")], {
  cwd: root,
  stdio: "inherit",
});
// Pass stop signals on, so stopping `npm start` stops every subgraph and the router with it.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => platform.kill(signal));
platform.once("exit", (code) => process.exit(code ?? 1));
