// `npm run explorer:build` lands here (router's build:explorer script); the build itself is the plain-Node
// script that the root postinstall also runs, so both paths produce the same dist.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../../scripts/buildExplorer.mjs", import.meta.url));
execFileSync(process.execPath, [script, ...process.argv.slice(2)], { stdio: "inherit" });
