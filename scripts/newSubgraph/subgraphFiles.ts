import type { NewSubgraph } from "./request.ts";

/** The packages a subgraph depends on, at the versions `@health/platform` pins (one graphql for all). */
export const SUBGRAPH_DEPENDENCIES = [
  "@health/events",
  "@health/platform",
  "@prisma/client",
  "dataloader",
  "graphql",
  "graphql-scalars",
  "prom-client",
  "reflect-metadata",
  "type-graphql",
  "zod",
] as const;

export type DependencyVersions = Record<(typeof SUBGRAPH_DEPENDENCIES)[number], string>;

/**
 * `subgraphs/<name>/`, shaped as every subgraph is (ARCHITECTURE.md, "A subgraph's folder"): by path
 * relative to the repository root. It references auth's `User` by key and adds nothing to it, the least
 * that composes without a made-up field; its `connect.ts` runs the outbox relay and its privacy consumer
 * from the start.
 */
export function subgraphFiles(sub: NewSubgraph, versions: DependencyVersions): Map<string, string> {
  const dir = `subgraphs/${sub.name}`;
  return new Map([
    [`${dir}/package.json`, packageJson(sub, versions)],
    [
      `${dir}/tsconfig.json`,
      `{\n  "extends": "../../tsconfig.base.json",\n  "include": ["src", "test"]\n}\n`,
    ],
    [`${dir}/README.md`, readme(sub)],
    [`${dir}/src/main.ts`, main(sub)],
    [`${dir}/src/subgraph.ts`, subgraph(sub)],
    [`${dir}/src/config.ts`, config(sub)],
    [`${dir}/src/connect.ts`, connect(sub)],
    [`${dir}/src/db.ts`, db(sub)],
    [`${dir}/src/deps.ts`, deps(sub)],
    [`${dir}/src/context.ts`, context(sub)],
    [`${dir}/src/loaders.ts`, loaders(sub)],
    [`${dir}/src/privacy/index.ts`, privacyIndex(sub)],
    [`${dir}/src/privacy/policy.ts`, privacyPolicy(sub)],
    [`${dir}/src/model/user.ts`, userModel()],
    [`${dir}/src/resolvers/user.resolver.ts`, userResolver()],
    // Empty until the subgraph has rules and consumes events; kept so the shape is visible from the start.
    [`${dir}/src/domain/.gitkeep`, ""],
    [`${dir}/src/events/.gitkeep`, ""],
    [`${dir}/test/harness.ts`, harness(sub)],
    [`${dir}/test/conformance.int.test.ts`, conformanceTest(sub)],
  ]);
}

/** Named imports in the order Biome sorts them (by name, ignoring case and `type`). */
const named = (...specifiers: string[]): string =>
  specifiers
    .map((specifier) => ({ specifier, key: specifier.replace(/^type /, "").toLowerCase() }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ specifier }) => specifier)
    .join(", ");

function packageJson(sub: NewSubgraph, versions: DependencyVersions): string {
  const manifest = {
    name: `@health/subgraph-${sub.name}`,
    version: "0.0.0",
    private: true,
    type: "module",
    scripts: {
      dev: "tsx watch src/main.ts",
      start: `node ../../scripts/bundle.mjs ${sub.name} && node dist/main.mjs`,
      typecheck: "tsc -p . --noEmit",
      build: `tsc -p . --noEmit && node ../../scripts/bundle.mjs ${sub.name}`,
      sdl: `tsx ../../scripts/printSdl.ts ${sub.name}`,
      test: `vitest run --root ../.. --dir subgraphs/${sub.name}`,
      lint: "biome check .",
    },
    dependencies: Object.fromEntries(SUBGRAPH_DEPENDENCIES.map((name) => [name, versions[name]])),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const readme = (sub: NewSubgraph) => `# ${sub.name} subgraph

Port ${sub.port}, database \`health_${sub.name}\` (\`prisma/${sub.name}/schema.prisma\`). Written by
\`npm run new:subgraph -- ${sub.name} ${sub.port}\` (issue 18.7): it owns no data yet. Its database holds the
outbox and inbox tables of the event mechanism (\`packages/platform/src/events/README.md\`) and \`erased_users\`
(its erasure remembers each erased person; a domain consumer it adds runs its handlers through
\`skippingErased\`, so a late event makes nothing about them: \`packages/platform/src/privacy/README.md\`,
"late events"), and \`connect.ts\` runs the outbox relay. It references auth's \`User\` by key (\`@key(fields: "id", resolvable: false)\`) and
adds no field to it, the least a subgraph needs to compose; when it adds one, drop \`resolvable: false\` and
resolve the reference in \`resolvers/user.reference.ts\`, as \`subgraphs/user\` does.

Run it alone: \`npm run dev -w @health/subgraph-${sub.name}\`. Tests: \`npx vitest run --project unit subgraphs/${sub.name}\`
and \`npx vitest run --project integration subgraphs/${sub.name}\`.

## Operations and the seed's endpoints

| seed endpoint | GraphQL |
| ------------- | ------- |
| none yet      | –       |
`;

const main = (sub: NewSubgraph) => `import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { ${sub.name}ConfigSchema } from "./config.ts";
import { connect${sub.pascal} } from "./connect.ts";
import { ${sub.name}Subgraph } from "./subgraph.ts";

await runSubgraph({
  definition: ${sub.name}Subgraph,
  configSchema: ${sub.name}ConfigSchema,
  connect: (config, process) => connect${sub.pascal}(config, process),
});
`;

const subgraph = (sub: NewSubgraph) => `import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { ${sub.pascal}Deps } from "./deps.ts";
import { ${named(`create${sub.pascal}Loaders`, `type ${sub.pascal}Loaders`)} } from "./loaders.ts";
import { User } from "./model/user.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** The ${sub.name} subgraph (written by \`npm run new:subgraph\`): it owns nothing yet. */
export const ${sub.name}Subgraph = defineSubgraph<${sub.pascal}Deps, ${sub.pascal}Loaders>({
  name: "${sub.name}",
  resolvers: [UserResolver],
  orphanedTypes: [User],
  createLoaders: create${sub.pascal}Loaders,
  readiness: infrastructureChecks,
});
`;

const config = (sub: NewSubgraph) => `import { subgraphConfigSchema } from "@health/platform/config";
import type { z } from "zod";

export const ${sub.name}ConfigSchema = subgraphConfigSchema("${sub.name}");

export type ${sub.pascal}Config = z.infer<typeof ${sub.name}ConfigSchema>;
`;

const connect = (
  sub: NewSubgraph,
) => `import { ExportStore, privacyConsumer } from "@health/platform/privacy";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { ${sub.pascal}Config } from "./config.ts";
import type { ${sub.pascal}Deps } from "./deps.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { ${sub.name}Privacy } from "./privacy/index.ts";

/**
 * Opens the ${sub.name} subgraph's connections, starts the relay that publishes its outbox and its one durable
 * consumer, \`${sub.name}-privacy\` (auth's export and erasure requests, issue 13).
 */
export const connect${sub.pascal} = (config: ${sub.pascal}Config, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "${sub.name}",
      deps: async ({ db, redis, nats, bus }): Promise<${sub.pascal}Deps> => ({
        db,
        redis,
        nats,
        exports: await ExportStore.open(nats, bus),
      }),
      publishesEvents: true,
      consumer: (deps) => privacyConsumer(${sub.name}Privacy(), { db: deps.db, exports: deps.exports }),
    },
    config,
    options,
  );
`;

const db = (sub: NewSubgraph) => `import type { Prisma, PrismaClient } from "./generated/prisma/client.ts";

// The database types live apart from \`deps.ts\` (the bundle of services) so that domain files can name
// them without importing the services, some of which import the domain back (issue 18 point 3).

/** This subgraph's Prisma client: the only database it reads and writes. */
export type ${sub.pascal}Db = PrismaClient;
/** The client inside \`db.$transaction(async (tx) => ...)\`. */
export type ${sub.pascal}Tx = Prisma.TransactionClient;
`;

const deps = (sub: NewSubgraph) => `import type { ExportStore } from "@health/platform/privacy";
import type { Infrastructure } from "@health/platform/server";
import type { ${sub.pascal}Db } from "./db.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay and the privacy consumer,
 * started in \`connect.ts\`); the domain uses only \`db\`, and publishes its events by writing outbox rows
 * through it. \`exports\` is where the privacy consumer writes a person's export part.
 */
export interface ${sub.pascal}Deps extends Infrastructure<${sub.pascal}Db> {
  exports: ExportStore;
}
`;

/** Its part in data-subject rights while it holds nothing about a person: its tables are the mechanism's. */
const privacyIndex = (
  sub: NewSubgraph,
) => `import { rememberErasure, type SubgraphPrivacy } from "@health/platform/privacy";
import { ${sub.upper}_TABLES } from "./policy.ts";

/**
 * The ${sub.name} subgraph's part in data-subject rights (packages/platform/src/privacy/README.md): it holds
 * nothing about a person yet, so its export is empty and its erasure is the mechanism tables' and the
 * erased person remembered (\`erased_users\`), so that a consumer it adds, wrapped in \`skippingErased\`,
 * makes nothing from a late event about them. Give each table it adds a policy, and export and erase what
 * the table holds about a person.
 */
export const ${sub.name}Privacy = (): SubgraphPrivacy => ({
  subgraph: "${sub.name}",
  tables: ${sub.upper}_TABLES,
  collect: async () => ({}),
  erase: async (tx, { userId }) => {
    await rememberErasure(tx, userId);
    return [];
  },
});
`;

const privacyPolicy = (
  sub: NewSubgraph,
) => `import { ERASED_USERS_POLICY, MECHANISM_TABLE_POLICIES, type TablePolicy } from "@health/platform/privacy";

/** What erasure does to every table of ${sub.name}'s database, and why (prisma/ERASURE.md is made from it). */
export const ${sub.upper}_TABLES: Record<string, TablePolicy> = {
  outbox_events: MECHANISM_TABLE_POLICIES.outbox_events!,
  inbox_events: MECHANISM_TABLE_POLICIES.inbox_events!,
  erased_users: ERASED_USERS_POLICY,
};
`;

const context = (sub: NewSubgraph) => `import type { SubgraphContext } from "@health/platform/server";
import type { ${sub.pascal}Deps } from "./deps.ts";
import type { ${sub.pascal}Loaders } from "./loaders.ts";

export type ${sub.pascal}Context = SubgraphContext<${sub.pascal}Deps, ${sub.pascal}Loaders>;
`;

const loaders = (
  sub: NewSubgraph,
) => `/** Per-request DataLoaders for the fields resolved per parent; none yet. */
export type ${sub.pascal}Loaders = Record<string, never>;

export const create${sub.pascal}Loaders = (): ${sub.pascal}Loaders => ({});
`;

const userModel = () => `import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * Auth's \`User\`, referenced by key. This subgraph adds no field to it yet; when it does, drop
 * \`resolvable: false\` and resolve the reference in \`resolvers/user.reference.ts\` (see subgraphs/user).
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}
`;

const userResolver = () => `import { Resolver } from "type-graphql";
import { User } from "../model/user.ts";

/** The fields this subgraph adds to \`User\` (none yet): its \`@FieldResolver\`s go here. */
@Resolver(() => User)
export class UserResolver {}
`;

const harness = (sub: NewSubgraph) => `import { loadConfig } from "@health/platform/config";
import { startSubgraphHarness } from "@health/platform/testing";
import { ${sub.name}ConfigSchema } from "../src/config.ts";
import { connect${sub.pascal} } from "../src/connect.ts";
import { ${sub.name}Subgraph } from "../src/subgraph.ts";

/**
 * The ${sub.name} subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function start${sub.pascal}Subgraph() {
  const harness = await startSubgraphHarness({
    definition: ${sub.name}Subgraph,
    loadConfig: (env) => loadConfig(${sub.name}ConfigSchema, env),
    connect: connect${sub.pascal},
  });
  return { ...harness, db: harness.deps.db };
}

export type ${sub.pascal}Harness = Awaited<ReturnType<typeof start${sub.pascal}Subgraph>>;
`;

const conformanceTest = (
  sub: NewSubgraph,
) => `import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { ${named(`type ${sub.pascal}Harness`, `start${sub.pascal}Subgraph`)} } from "./harness.ts";

let harness: ${sub.pascal}Harness;
beforeAll(async () => {
  harness = await start${sub.pascal}Subgraph();
});
afterAll(() => harness?.close());

describeSubgraphConformance("${sub.name}", () => harness);
`;
