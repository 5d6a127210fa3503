import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const hasDockerCompose = spawnSync("docker-compose", ["version"], { stdio: "ignore" }).status === 0;

// There is no Docker engine here; Debian's docker-compose still parses and validates the file.
// CI installs it (.ci/run), so there the check always runs.
describe("docker-compose.yml", () => {
  it.runIf(hasDockerCompose || process.env.CI)(
    "is valid and runs every subgraph, the router and the backing services",
    () => {
      const services = execFileSync(
        "docker-compose",
        ["-f", join(root, "docker-compose.yml"), "config", "--services"],
        {
          encoding: "utf8",
          // What an operator puts in .env (`npm run -s keys:router`, the live keys); compose refuses to run without them.
          env: {
            ...process.env,
            ROUTER_SIGNING_KEY: "private",
            ROUTER_PUBLIC_KEYS: "public",
            LIVE_PUSH_KEY: "push-key-of-the-operator",
            LIVE_PLAY_KEY: "play-key-of-the-operator",
          },
        },
      )
        .trim()
        .split("\n");
      expect(services).toEqual(
        expect.arrayContaining([
          "postgres",
          "redis",
          "nats",
          "migrate",
          "auth",
          "user",
          "router",
          "media-server",
        ]),
      );
    },
  );
});
