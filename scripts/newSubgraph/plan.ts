import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { subgraphDashboardFile } from "../dashboards/dashboardFiles.ts";
import {
  addSecretKey,
  copyOfModel,
  MANIFEST_MODEL,
  registerInCompose,
  registerInKustomization,
  registerInRouterManifest,
  registerNatsUser,
  registerRedisUser,
  registerTestUser,
} from "./deployFiles.ts";
import { DATA_HOLDERS_FILE, PRODUCERS_FILE, registerDataHolder, registerProducer } from "./eventFiles.ts";
import { prismaConfig, prismaSchema } from "./prismaFiles.ts";
import {
  PORTS_FILE,
  readRouterPort,
  readSubgraphPorts,
  registerInReadme,
  registerPort,
} from "./repoFiles.ts";
import { type NewSubgraph, parseRequest } from "./request.ts";
import { type DependencyVersions, SUBGRAPH_DEPENDENCIES, subgraphFiles } from "./subgraphFiles.ts";

/** What the generator writes, by path relative to the repository root. */
export interface Plan {
  subgraph: NewSubgraph;
  /** New files. */
  created: Map<string, string>;
  /** Existing files with the subgraph registered in them. */
  updated: Map<string, string>;
}

/** The first migration of `schema` (folder name and `migration.sql`, plus `migration_lock.toml`), by path under migrations/. */
export type MigrationMaker = (subgraph: NewSubgraph, schema: string) => Promise<Map<string, string>>;

const K8S = "deploy/k8s";
const ROUTER_MANIFEST = `${K8S}/base/router.yaml`;
const BASE_KUSTOMIZATION = `${K8S}/base/kustomization.yaml`;
/** The overlays that patch each subgraph (stage 1 runs the base's figures). */
const PATCHING_STAGES = ["stage2", "stage3"] as const;
const stageKustomization = (stage: string) => `${K8S}/overlays/${stage}/kustomization.yaml`;
const DB_SECRET = `${K8S}/examples/platform-db-secret.yaml`;
const BROKERS_SECRET = `${K8S}/examples/platform-brokers-secret.yaml`;
const NATS_USERS_SECRET = `${K8S}/examples/nats-users-secret.yaml`;
const REDIS_USERS_SECRET = `${K8S}/examples/redis-users-secret.yaml`;
const NATS_TEST = "packages/platform/test/events/natsPermissions.int.test.ts";
const REDIS_TEST = "packages/platform/test/redis/redisAcl.int.test.ts";

/** Every existing file the generator reads; it edits all of them but the package manifests and the model manifest. */
export const REGISTRY_FILES = [
  PORTS_FILE,
  "packages/platform/package.json",
  "packages/events/package.json",
  "docker-compose.yml",
  ROUTER_MANIFEST,
  BASE_KUSTOMIZATION,
  ...PATCHING_STAGES.map(stageKustomization),
  DB_SECRET,
  BROKERS_SECRET,
  NATS_USERS_SECRET,
  REDIS_USERS_SECRET,
  "deploy/nats/nats-server.conf",
  "deploy/redis/users.acl",
  PRODUCERS_FILE,
  DATA_HOLDERS_FILE,
  NATS_TEST,
  REDIS_TEST,
  "README.md",
] as const;

/**
 * Checks `args` against the checkout at `root` and works out every file to write, without writing any:
 * bad input or a file whose layout the generator does not recognise stops it here, with nothing written.
 */
export async function planNewSubgraph(root: string, args: readonly string[], makeMigration: MigrationMaker) {
  const read = (path: string) => readFileSync(join(root, path), "utf8");
  const portsText = read(PORTS_FILE);
  const ports = readSubgraphPorts(portsText);
  const folders = ["subgraphs", "prisma"].flatMap((dir) =>
    existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : [],
  );
  const sub = parseRequest(args, { folders, ports, routerPort: readRouterPort(portsText) });

  const schema = prismaSchema(sub);
  const created = new Map([
    ...subgraphFiles(sub, dependencyVersions(read)),
    [`prisma/${sub.name}/schema.prisma`, schema],
    [`prisma/${sub.name}/prisma.config.ts`, prismaConfig(sub)],
  ]);
  // Its Kubernetes files are the model's: the base's and each overlay's patch of it.
  const port = ports[MANIFEST_MODEL] ?? 0;
  for (const dir of ["base/subgraphs", ...PATCHING_STAGES.map((stage) => `overlays/${stage}`)]) {
    const text = read(`${K8S}/${dir}/${MANIFEST_MODEL}.yaml`);
    created.set(`${K8S}/${dir}/${sub.name}.yaml`, copyOfModel({ text, port }, sub));
  }
  created.set(...subgraphDashboardFile(sub.name));

  const updated = registrations(read, sub, ports);

  // Last: the slowest step (Prisma's engine diffs against a shadow database), once everything else is known good.
  for (const [path, text] of await makeMigration(sub, schema)) {
    created.set(`prisma/${sub.name}/migrations/${path}`, text);
  }
  return { subgraph: sub, created, updated } satisfies Plan;
}

/** Every existing file with the subgraph registered in it, left out where nothing changes. */
function registrations(read: (path: string) => string, sub: NewSubgraph, ports: Record<string, number>) {
  const { name, upper } = sub;
  const brokers = addSecretKey(
    BROKERS_SECRET,
    read(BROKERS_SECRET),
    "NATS_PASSWORD",
    `NATS_PASSWORD_${upper}`,
    `CHANGE_ME_${name}`,
  );
  // The servers' side of its passwords (the example Secrets nats-users and redis-users).
  const serverPassword = (path: string, family: string) =>
    [path, addSecretKey(path, read(path), family, `${family}_${upper}`, `CHANGE_ME_${name}`)] as const;
  const updated = new Map<string, string>([
    [PORTS_FILE, registerPort(read(PORTS_FILE), sub)],
    ["docker-compose.yml", registerInCompose(read("docker-compose.yml"), sub, Object.keys(ports))],
    [ROUTER_MANIFEST, registerInRouterManifest(ROUTER_MANIFEST, read(ROUTER_MANIFEST), sub)],
    [
      BASE_KUSTOMIZATION,
      registerInKustomization(BASE_KUSTOMIZATION, read(BASE_KUSTOMIZATION), "resources", "subgraphs/", name),
    ],
    ...PATCHING_STAGES.map((stage) => {
      const path = stageKustomization(stage);
      return [path, registerInKustomization(path, read(path), "patchesStrategicMerge", "", name)] as const;
    }),
    serverPassword(NATS_USERS_SECRET, "NATS_PASSWORD"),
    serverPassword(REDIS_USERS_SECRET, "REDIS_PASSWORD"),
    [
      DB_SECRET,
      addSecretKey(
        DB_SECRET,
        read(DB_SECRET),
        "DATABASE_URL",
        `DATABASE_URL_${upper}`,
        `postgresql://health_${name}:CHANGE_ME@pg-${name}-rw:5432/health_${name}`,
      ),
    ],
    [
      BROKERS_SECRET,
      addSecretKey(
        BROKERS_SECRET,
        brokers,
        "REDIS_URL",
        `REDIS_URL_${upper}`,
        `redis://${name}:CHANGE_ME_${name}@redis:6379`,
      ),
    ],
    ["deploy/nats/nats-server.conf", registerNatsUser(read("deploy/nats/nats-server.conf"), sub)],
    ["deploy/redis/users.acl", registerRedisUser(read("deploy/redis/users.acl"), sub)],
    [PRODUCERS_FILE, registerProducer(read(PRODUCERS_FILE), sub)],
    [DATA_HOLDERS_FILE, registerDataHolder(read(DATA_HOLDERS_FILE), sub)],
    [NATS_TEST, registerTestUser(NATS_TEST, read(NATS_TEST), sub)],
    [REDIS_TEST, registerTestUser(REDIS_TEST, read(REDIS_TEST), sub)],
    ["README.md", registerInReadme(read("README.md"), sub, ports)],
  ]);
  for (const [path, text] of updated) if (text === read(path)) updated.delete(path);
  return updated;
}

/** Writes the plan: new files first (refusing any that appeared meanwhile), then the registrations. */
export function writePlan(root: string, plan: Plan): void {
  const clash = [...plan.created.keys()].filter((path) => existsSync(join(root, path)));
  if (clash.length > 0) throw new Error(`Not writing anything: ${clash.join(", ")} already exist(s).`);
  for (const [path, text] of [...plan.created, ...plan.updated]) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** The versions `@health/platform` pins, and the workspace packages' own versions. */
function dependencyVersions(read: (path: string) => string): DependencyVersions {
  const manifest = (path: string) =>
    JSON.parse(read(path)) as { version: string; dependencies: Record<string, string> };
  const platform = manifest("packages/platform/package.json");
  const known: Record<string, string> = {
    ...platform.dependencies,
    "@health/platform": platform.version,
    "@health/events": manifest("packages/events/package.json").version,
  };
  return Object.fromEntries(
    SUBGRAPH_DEPENDENCIES.map((name) => {
      const version = known[name];
      if (!version) throw new Error(`packages/platform/package.json does not pin ${name}.`);
      return [name, version];
    }),
  ) as DependencyVersions;
}
