// The router's request-signing key pair for this machine (packages/platform/src/auth/README.md).
//   npx tsx scripts/routerKeys.ts     prints ROUTER_SIGNING_KEY=... and ROUTER_PUBLIC_KEYS=... for a .env
// `npm start` uses `localRouterKeys()`: the environment's pair if set, else one kept in .local/ (gitignored),
// so a subgraph started on its own with the same .local keys trusts the same router.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateRouterKeyPair, type RouterKeyPair } from "@health/platform/auth";
import { REPO_ROOT } from "./subgraphRegistry.ts";

const KEY_FILE = join(REPO_ROOT, ".local", "router-keys.json");

export function localRouterKeys(env: NodeJS.ProcessEnv = process.env): RouterKeyPair {
  if (env.ROUTER_SIGNING_KEY && env.ROUTER_PUBLIC_KEYS)
    return { privateKey: env.ROUTER_SIGNING_KEY, publicKey: env.ROUTER_PUBLIC_KEYS };
  if (existsSync(KEY_FILE)) return JSON.parse(readFileSync(KEY_FILE, "utf8")) as RouterKeyPair;
  const pair = generateRouterKeyPair();
  mkdirSync(join(REPO_ROOT, ".local"), { recursive: true });
  writeFileSync(KEY_FILE, JSON.stringify(pair), { mode: 0o600 });
  return pair;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pair = generateRouterKeyPair();
  console.log(`ROUTER_SIGNING_KEY=${pair.privateKey}\nROUTER_PUBLIC_KEYS=${pair.publicKey}`);
}
