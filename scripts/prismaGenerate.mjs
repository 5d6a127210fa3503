// Generates each subgraph's Prisma client from prisma/<name>/schema.prisma.
// Prisma's CLI wants its native schema engine even for `generate`; it cannot be downloaded here
// (../shared/design/TOOLCHAIN.md), and generate does not use it, so we point the CLI at a stand-in that exits 1.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const prismaDir = join(root, "prisma");
const cli = join(root, "node_modules", "prisma", "build", "index.js");
if (!existsSync(cli)) process.exit(0); // first pass of a partial install

const names = readdirSync(prismaDir).filter((n) => existsSync(join(prismaDir, n, "schema.prisma")));
for (const name of names) {
  execFileSync(process.execPath, [cli, "generate", "--config", join(prismaDir, name, "prisma.config.ts")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  console.log(`prisma client generated for ${name}`);
}
