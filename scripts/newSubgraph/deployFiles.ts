import type { NewSubgraph } from "./request.ts";
import { EditedFile, yamlBlock } from "./textEdits.ts";

// Where a subgraph is registered for containers: docker-compose.yml, deploy/k8s/, and its NATS and Redis
// users (deploy/README.md, "Adding a subgraph", done by `npm run new:subgraph`).

const POSTGRES_URL = `postgresql://postgres:\${POSTGRES_PASSWORD:-postgres}@postgres:5432`;

/**
 * docker-compose.yml: its service (copied from the shape of the others), its database in HEALTH_DATABASES
 * and the migrate job, its NATS and Redis passwords on those servers, and the router's URL and
 * `depends_on` for it. `subgraphs` are the names already there (the router's `depends_on` lists them).
 */
export function registerInCompose(text: string, sub: NewSubgraph, subgraphs: readonly string[]): string {
  const file = new EditedFile("docker-compose.yml", text);
  const { name, upper } = sub;
  file.refuse(new RegExp(`^  ${name}:\\s*$`), `a service "${name}"`);

  const databases = file.find(/^\s+HEALTH_DATABASES: /, "HEALTH_DATABASES in the postgres service");
  file.lines[databases] = `${file.lines[databases]?.trimEnd()} ${name}`;
  const password = (service: string, prefix: string, kind: string) =>
    file.insertAfterLast(
      new RegExp(`^      ${prefix}_[A-Z]+: `),
      `${prefix}_<NAME> in the ${service} service`,
      [`      ${prefix}_${upper}: \${${prefix}_${upper}:-dev-${kind}-${name}}`],
      yamlBlock(file, service, 2),
    );
  password("redis", "REDIS_PASSWORD", "redis");
  password("nats", "NATS_PASSWORD", "nats");
  file.insertAfterLast(
    /^ {6}DATABASE_URL_[A-Z]+: /,
    "DATABASE_URL_<NAME> in the migrate service",
    [`      DATABASE_URL_${upper}: ${POSTGRES_URL}/health_${name}`],
    yamlBlock(file, "migrate", 2),
  );

  file.insertAfterLast(
    /^ {6}SUBGRAPH_URL_[A-Z]+: /,
    "SUBGRAPH_URL_<NAME> in the router service",
    [`      SUBGRAPH_URL_${upper}: http://${name}:${sub.port}/graphql`],
    yamlBlock(file, "router", 2),
  );
  const dependsOn = yamlBlock(file, "depends_on", 4, yamlBlock(file, "router", 2)[0]);
  file.insertAfterLast(
    new RegExp(`^      (${subgraphs.join("|")}):\\s*$`),
    "subgraph under the router's depends_on",
    [`      ${name}:`, "        condition: service_healthy"],
    dependsOn,
    1,
  );

  file.insert(yamlBlock(file, "router", 2)[0], composeService(sub));
  return file.text;
}

const composeService = ({ name, upper, port }: NewSubgraph): string[] => [
  `  ${name}:`,
  "    <<: *subgraph",
  "    environment:",
  "      <<: *subgraph-env",
  `      SERVICE: ${name}`,
  `      NATS_USER: ${name}`,
  `      NATS_PASSWORD: \${NATS_PASSWORD_${upper}:-dev-nats-${name}}`,
  `      REDIS_URL: redis://${name}:\${REDIS_PASSWORD_${upper}:-dev-redis-${name}}@redis:6379`,
  `      PORT: ${port}`,
  `      DATABASE_URL: ${POSTGRES_URL}/health_${name}`,
  "",
];

/**
 * The subgraph whose Kubernetes files a new one copies: an ordinary one (no stage gives it numbers of its own,
 * deploy/README.md "Kubernetes"), whose name and port appear nowhere else in its files.
 */
export const MANIFEST_MODEL = "finance";

/** A copy of one of the model's files with its name, NAME and port replaced by the new subgraph's. */
export function copyOfModel(model: { text: string; port: number }, sub: NewSubgraph): string {
  return model.text
    .replaceAll(MANIFEST_MODEL, sub.name)
    .replaceAll(MANIFEST_MODEL.toUpperCase(), sub.upper)
    .replaceAll(String(model.port), String(sub.port));
}

/**
 * A kustomization.yaml with `<folder><name>.yaml` added after the last entry of the same folder in its `list`
 * (`resources:` of the base lists `subgraphs/<name>.yaml`, `patchesStrategicMerge:` of an overlay `<name>.yaml`).
 */
export function registerInKustomization(
  path: string,
  text: string,
  list: string,
  folder: string,
  name: string,
) {
  const file = new EditedFile(path, text);
  const entry = `  - ${folder}${name}.yaml`;
  file.refuse(new RegExp(`^${entry}$`), entry.trim());
  const pattern = new RegExp(`^  - ${folder}[a-z-]+\\.yaml$`);
  file.insertAfterLast(
    pattern,
    `a ${folder}<name>.yaml entry under ${list}`,
    [entry],
    yamlBlock(file, list, 0),
  );
  return file.text;
}

/** deploy/k8s/base/router.yaml: the router's SUBGRAPH_URL_<NAME>. */
export function registerInRouterManifest(path: string, text: string, sub: NewSubgraph): string {
  const file = new EditedFile(path, text);
  file.refuse(new RegExp(`- name: SUBGRAPH_URL_${sub.upper}$`), `SUBGRAPH_URL_${sub.upper}`);
  const entry = file.findLast(/^\s+- name: SUBGRAPH_URL_[A-Z]+$/, "SUBGRAPH_URL_<NAME> env entry");
  const indent = file.lines[entry]?.match(/^\s*/)?.[0] ?? "";
  file.insert(entry + 2, [
    `${indent}- name: SUBGRAPH_URL_${sub.upper}`,
    `${indent}  value: http://${sub.name}:${sub.port}/graphql`,
  ]);
  return file.text;
}

/** A key of the example Secrets (deploy/k8s/examples/), after the last key of the same family. */
export function addSecretKey(path: string, text: string, family: string, key: string, value: string): string {
  const file = new EditedFile(path, text);
  file.refuse(new RegExp(`^  ${key}: `), key);
  file.insertAfterLast(new RegExp(`^  ${family}_[A-Z]+: `), `${family}_<NAME> key`, [`  ${key}: ${value}`]);
  return file.text;
}

/**
 * deploy/nats/nats-server.conf: a user that publishes only its own subjects (`<name>.>`, what its outbox
 * relay sends), may create the event streams on first start, as user's and trade's do, and runs its
 * `<name>-privacy` consumer and writes its export parts, as every subgraph does. Another consumer's
 * subjects are added by hand when it starts consuming (the comment at the top of that file).
 */
export function registerNatsUser(text: string, sub: NewSubgraph): string {
  const file = new EditedFile("deploy/nats/nats-server.conf", text);
  const { name, upper } = sub;
  file.refuse(new RegExp(`user: ${name},`), `NATS user ${name}`);
  const end = file.findLast(/^ {4}\]\s*$/, "end of the users list");
  file.insert(end, [
    "",
    `      # ${name} produces ${name}.* events through its outbox relay and answers data-subject requests (written by npm run new:subgraph).`,
    "      {",
    `        user: ${name}, password: $NATS_PASSWORD_${upper}`,
    "        permissions: {",
    "          publish: { allow: [",
    `            # data-subject rights: consumer ${name}-privacy (auth's export and erasure requests) and the export store`,
    `            "dlq.${name}-privacy.>",`,
    `            "$JS.API.CONSUMER.INFO.EVENTS.${name}-privacy",`,
    `            "$JS.API.CONSUMER.CREATE.EVENTS.${name}-privacy", "$JS.API.CONSUMER.CREATE.EVENTS.${name}-privacy.>",`,
    `            "$JS.API.CONSUMER.DURABLE.CREATE.EVENTS.${name}-privacy",`,
    `            "$JS.API.CONSUMER.MSG.NEXT.EVENTS.${name}-privacy",`,
    `            "$JS.ACK.EVENTS.${name}-privacy.>",`,
    '            "$O.DATA_EXPORTS.>",',
    '            "$JS.API.STREAM.INFO.OBJ_DATA_EXPORTS", "$JS.API.STREAM.CREATE.OBJ_DATA_EXPORTS",',
    '            "$JS.API.STREAM.MSG.GET.OBJ_DATA_EXPORTS", "$JS.API.DIRECT.GET.OBJ_DATA_EXPORTS.>",',
    '            "$JS.API.STREAM.PURGE.OBJ_DATA_EXPORTS",',
    `            "${name}.>",`,
    '            "$JS.API.INFO",',
    '            "$JS.API.STREAM.INFO.EVENTS", "$JS.API.STREAM.INFO.EVENTS_DLQ",',
    '            "$JS.API.STREAM.CREATE.EVENTS", "$JS.API.STREAM.CREATE.EVENTS_DLQ"',
    "          ] }",
    `          subscribe: { allow: ["_INBOX_${name}.>"] }`,
    "        }",
    "      }",
  ]);
  return file.text;
}

/** deploy/redis/users.acl: a user for its own keys (`<name>:*`) that reads auth's revocation markers. */
export function registerRedisUser(text: string, sub: NewSubgraph): string {
  const file = new EditedFile("deploy/redis/users.acl", text);
  const { name, upper } = sub;
  file.refuse(new RegExp(`^user ${name} `), `Redis user ${name}`);
  const last = file.findLast(/^user [a-z]+ /, "Redis user");
  file.insert(last + 1, [
    "",
    `# ${name}: its own keys (${name}:*), written by npm run new:subgraph.`,
    `user ${name} on >\${REDIS_PASSWORD_${upper}} ~${name}:* %R~auth:revoked-session:* +@all -@dangerous +info -scan -randomkey`,
  ]);
  return file.text;
}

/**
 * The tests that run deploy/nats/nats-server.conf and deploy/redis/users.acl on servers of their own give
 * every user in those files a password (`USERS`); a user without one stops the server from starting.
 */
export function registerTestUser(path: string, text: string, sub: NewSubgraph): string {
  const file = new EditedFile(path, text);
  const start = file.find(/^const USERS = \[/, "`const USERS = [...] as const;`");
  const end = file.find(/\] as const;$/, "the end of `const USERS = [...] as const;`", start);
  if (file.lines.slice(start, end + 1).some((line) => line.includes(`"${sub.name}"`))) {
    file.fail(`${sub.name} is in USERS already`);
  }
  if (start === end) {
    // One line: it stays one while it fits Biome's width, else it is wrapped as Biome would wrap it.
    const line = (file.lines[start] ?? "").replace(/\] as const;$/, `, "${sub.name}"] as const;`);
    const names = [...line.matchAll(/"[^"]+"/g)].map(([quoted]) => `  ${quoted},`);
    file.lines.splice(
      start,
      1,
      ...(line.length <= 110 ? [line] : ["const USERS = [", ...names, "] as const;"]),
    );
  } else file.insert(end, [`  "${sub.name}",`]);
  return file.text;
}
