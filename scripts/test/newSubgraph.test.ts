import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findKubectl, renderKustomization } from "../k8s/render.ts";
import { schemaProblem } from "../k8s/schemas.ts";
import { boundsOf, STAGES } from "../k8s/stagePlan.ts";
import { type MigrationMaker, planNewSubgraph, REGISTRY_FILES, writePlan } from "../newSubgraph/plan.ts";
import { PORTS_FILE, readSubgraphPorts } from "../newSubgraph/repoFiles.ts";
import { parseRequest, RequestError, type Taken } from "../newSubgraph/request.ts";
import { subgraphFiles } from "../newSubgraph/subgraphFiles.ts";
import { RegistrationError } from "../newSubgraph/textEdits.ts";

const root = join(import.meta.dirname, "..", "..");
const hasDockerCompose = spawnSync("docker-compose", ["version"], { stdio: "ignore" }).status === 0;
const hasNatsServer = existsSync("/usr/sbin/nats-server");
const kubectl = findKubectl();

const taken: Taken = {
  folders: ["auth", "user", "trade"],
  ports: { auth: 4001, user: 4002, trade: 4004, content: 4005 },
  routerPort: 4000,
};

describe("new:subgraph input", () => {
  it("takes a lowercase name and a free port", () => {
    expect(parseRequest(["demo", "4099"], taken)).toEqual({
      name: "demo",
      pascal: "Demo",
      upper: "DEMO",
      port: 4099,
    });
  });

  it("takes a name whose port was reserved for it, on that port", () => {
    expect(parseRequest(["content", "4005"], taken).port).toBe(4005);
  });

  it.each([
    [["Demo", "4099"], /lowercase letters only/],
    [["demo2", "4099"], /lowercase letters only/],
    [["de-mo", "4099"], /lowercase letters only/],
    [["router", "4099"], /reserved/],
    [["trade", "4099"], /taken: subgraphs\/trade\/ or prisma\/trade\//],
    [["demo", "forty"], /"forty" is not a number/],
    [["demo", "-1"], /"-1" is not a number/],
    [["demo", "80"], /between 1024 and 65535/],
    [["demo", "4004"], /taken by trade/],
    [["demo", "4000"], /router's/],
    [["demo", "5432"], /PostgreSQL's/],
    [["content", "4006"], /content's port is 4005/],
    [["demo"], /Expected a name and a port/],
    [["demo", "4099", "extra"], /Expected a name and a port/],
  ])("refuses %j", (args, message) => {
    expect(() => parseRequest(args, taken)).toThrow(RequestError);
    expect(() => parseRequest(args, taken)).toThrow(message);
  });
});

const versions = JSON.parse(readFileSync(join(root, "subgraphs/user/package.json"), "utf8")).dependencies;
const subgraphNamed = (name: string) => ({
  name,
  pascal: name[0]?.toUpperCase() + name.slice(1),
  upper: name.toUpperCase(),
  port: 4098,
});

describe("new:subgraph's files", () => {
  // The files every subgraph writes alike: each must read exactly as in at least one subgraph written by hand.
  const shared = [
    "tsconfig.json",
    "src/main.ts",
    "src/config.ts",
    "src/connect.ts",
    "src/db.ts",
    "src/deps.ts",
  ];
  it.each([...shared, "src/context.ts", "test/conformance.int.test.ts"])(
    "%s has the shape of the existing subgraphs'",
    (file) => {
      const existing = readdirSync(join(root, "subgraphs")).filter((name) =>
        existsSync(join(root, "subgraphs", name, file)),
      );
      const alike = existing.filter(
        (name) =>
          subgraphFiles(subgraphNamed(name), versions).get(`subgraphs/${name}/${file}`) ===
          readFileSync(join(root, "subgraphs", name, file), "utf8"),
      );
      expect(alike, `no subgraph's ${file} reads as the generator writes it`).not.toEqual([]);
    },
  );

  // Names sorting before and after the fixed parts of import lists (createXLoaders, startXSubgraph).
  it("pass Biome as written", () => {
    const scratch = mkdtempSync(join(tmpdir(), "new-subgraph-biome-"));
    try {
      cpSync(join(root, "biome.json"), join(scratch, "biome.json"));
      for (const name of ["ai", "wellness"]) {
        for (const [path, text] of subgraphFiles(subgraphNamed(name), versions)) {
          mkdirSync(dirname(join(scratch, path)), { recursive: true });
          writeFileSync(join(scratch, path), text);
        }
      }
      const biome = spawnSync(
        join(root, "node_modules/.bin/biome"),
        ["check", "--no-errors-on-unmatched", "."],
        {
          cwd: scratch,
          encoding: "utf8",
        },
      );
      expect({ status: biome.status, output: biome.stdout + biome.stderr }).toMatchObject({ status: 0 });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

/** Stands in for Prisma's engine (scripts/test/newSubgraph.int.test.ts runs the real one). */
const fakeMigration: MigrationMaker = async () =>
  new Map([
    ["20990101000000_init/migration.sql", "-- CreateTable\n"],
    ["migration_lock.toml", 'provider = "postgresql"\n'],
  ]);

// A subgraph nobody will make for real, so this runs the same whatever subgraphs the checkout holds.
const [NAME, PORT] = ["sample", "4098"];
const ports = readSubgraphPorts(readFileSync(join(root, PORTS_FILE), "utf8"));
/** A name whose port is reserved and whose folder does not exist yet (content … ai until they are made). */
const reserved = Object.entries(ports).find(([name]) => !existsSync(join(root, "subgraphs", name)));

describe("new:subgraph on a copy of the files it reads and edits", () => {
  let copy: string;
  const read = (path: string) => readFileSync(join(copy, path), "utf8");
  const snapshot = () => Object.fromEntries(REGISTRY_FILES.map((path) => [path, read(path)]));
  const generate = async (args: string[]) => {
    const plan = await planNewSubgraph(copy, args, fakeMigration);
    writePlan(copy, plan);
    return plan;
  };

  beforeEach(() => {
    copy = mkdtempSync(join(tmpdir(), "new-subgraph-test-"));
    for (const path of REGISTRY_FILES) cpSync(join(root, path), join(copy, path));
    cpSync(join(root, "deploy/k8s"), join(copy, "deploy/k8s"), { recursive: true });
    for (const dir of ["subgraphs", "prisma"]) {
      for (const name of readdirSync(join(root, dir))) mkdirSync(join(copy, dir, name), { recursive: true });
    }
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  it("writes the subgraph's folder, its Prisma schema, migration and manifest, and registers it", async () => {
    const plan = await generate([NAME, PORT]);
    expect([...plan.created.keys()]).toEqual(
      expect.arrayContaining([
        ...["package.json", "tsconfig.json", "README.md"].map((file) => `subgraphs/sample/${file}`),
        ...["main", "subgraph", "config", "connect", "db", "deps", "context", "loaders"].map(
          (file) => `subgraphs/sample/src/${file}.ts`,
        ),
        "subgraphs/sample/src/model/user.ts",
        "subgraphs/sample/src/resolvers/user.resolver.ts",
        "subgraphs/sample/test/harness.ts",
        "subgraphs/sample/test/conformance.int.test.ts",
        "prisma/sample/schema.prisma",
        "prisma/sample/prisma.config.ts",
        "prisma/sample/migrations/20990101000000_init/migration.sql",
        "prisma/sample/migrations/migration_lock.toml",
        "deploy/grafana/subgraphs/sample.json",
      ]),
    );
    expect([...plan.updated.keys()].sort()).toEqual(
      REGISTRY_FILES.filter((path) => !path.endsWith("package.json")).sort(),
    );
    for (const path of plan.created.keys()) expect(existsSync(join(copy, path)), path).toBe(true);

    expect(JSON.parse(read("subgraphs/sample/package.json"))).toMatchObject({
      name: "@health/subgraph-sample",
      dependencies: { "@health/platform": "0.0.0", graphql: expect.stringMatching(/^16\./) },
    });
    expect(read("subgraphs/sample/src/connect.ts")).toContain(
      "export const connectSample = (config: SampleConfig",
    );
    expect(read("subgraphs/sample/test/conformance.int.test.ts")).toContain(
      'describeSubgraphConformance("sample", () => harness);',
    );
    const schema = read("prisma/sample/schema.prisma");
    expect(schema).toContain('output              = "../../subgraphs/sample/src/generated/prisma"');
    expect(schema).toMatch(/@@map\("outbox_events"\)[\s\S]*@@map\("inbox_events"\)/);
    expect(read("prisma/sample/prisma.config.ts")).toContain("process.env.DATABASE_URL_SAMPLE");
    expect(JSON.parse(read("deploy/grafana/subgraphs/sample.json"))).toMatchObject({
      uid: "health-subgraph-sample",
      title: "Health platform: sample subgraph",
    });

    const manifest = "deploy/k8s/base/subgraphs/sample.yaml";
    expect(read(manifest)).not.toMatch(/finance|FINANCE|4008/);
    expect(read(manifest)).toContain("key: DATABASE_URL_SAMPLE");
    expect(read(manifest)).toContain("containerPort: 4098");
    expect(read(manifest)).toContain("database: health_sample");
    for (const stage of ["stage2", "stage3"]) {
      expect(read(`deploy/k8s/overlays/${stage}/sample.yaml`)).toMatch(
        /name: sample\n[\s\S]*name: pg-sample\n/,
      );
      expect(read(`deploy/k8s/overlays/${stage}/kustomization.yaml`)).toMatch(
        / {2}- ai\.yaml\n {2}- sample\.yaml\n/,
      );
    }
    expect(read("deploy/k8s/base/kustomization.yaml")).toContain("  - subgraphs/sample.yaml\n");

    expect(read(PORTS_FILE)).toMatch(/ {2}ai: 4010,\n(?: {2}[a-z]+: \d+,\n)* {2}sample: 4098,\n/);
    expect(read("deploy/k8s/base/router.yaml")).toContain(
      "- name: SUBGRAPH_URL_SAMPLE\n              value: http://sample:4098/graphql",
    );
    expect(read("deploy/k8s/examples/nats-users-secret.yaml")).toContain(
      "NATS_PASSWORD_SAMPLE: CHANGE_ME_sample",
    );
    expect(read("deploy/k8s/examples/redis-users-secret.yaml")).toContain(
      "REDIS_PASSWORD_SAMPLE: CHANGE_ME_sample",
    );
    expect(read("deploy/k8s/examples/platform-db-secret.yaml")).toContain(
      "DATABASE_URL_SAMPLE: postgresql://",
    );
    expect(read("deploy/k8s/examples/platform-brokers-secret.yaml")).toMatch(
      /NATS_PASSWORD_SAMPLE: CHANGE_ME_sample\n[\s\S]*REDIS_URL_SAMPLE: redis:\/\/sample:CHANGE_ME_sample@redis:6379/,
    );
    expect(read("deploy/redis/users.acl")).toContain(`user sample on >\${REDIS_PASSWORD_SAMPLE} ~sample:* `);
    expect(read("deploy/nats/nats-server.conf")).toContain("user: sample, password: $NATS_PASSWORD_SAMPLE");
    for (const test of ["events/natsPermissions", "redis/redisAcl"]) {
      // On one line while it fits, one name per line once wrapped.
      expect(read(`packages/platform/test/${test}.int.test.ts`)).toMatch(
        /"trade"(,\s*"[a-z]+")*,\s*"sample",?\s*\] as const;/,
      );
    }

    const readme = read("README.md");
    expect(readme).toContain("| sample | 4098 | `health_sample` |\n");
    expect(readme).toMatch(
      /\| the NATS server \| `NATS_PASSWORD_<USER>` for `admin`.*`trade`.*, `sample` \|/,
    );
    expect(readme).toMatch(
      /\| the Redis server \| `REDIS_PASSWORD_<USER>` for `admin`.*`trade`.*, `sample` \|/,
    );
  });

  it.runIf(reserved)(
    "takes a name out of the README's row of reserved ports, and leaves its port as it is",
    async () => {
      const [name, port] = reserved ?? ["", 0];
      const plan = await generate([name, String(port)]);
      expect(plan.updated.has(PORTS_FILE)).toBe(false);
      const readme = read("README.md");
      expect(readme).toContain(`| ${name} | ${port} | \`health_${name}\` |\n`);
      const reservedRow = readme.split("\n").find((line) => line.includes("`health_<name>`")) ?? "";
      expect(
        reservedRow
          .split("|")[1]
          ?.split(",")
          .map((listed) => listed.trim()),
      ).not.toContain(name);
    },
  );

  it.runIf(hasDockerCompose)("leaves a docker-compose.yml that runs it, behind the router", async () => {
    await generate([NAME, PORT]);
    const config = execFileSync("docker-compose", ["-f", join(copy, "docker-compose.yml"), "config"], {
      encoding: "utf8",
      env: {
        ...process.env,
        ROUTER_SIGNING_KEY: "private",
        ROUTER_PUBLIC_KEYS: "public",
        LIVE_PUSH_KEY: "push-key-of-the-operator",
        LIVE_PLAY_KEY: "play-key-of-the-operator",
      },
    });
    expect(config).toMatch(/^ {2}sample:$/m);
    expect(config).toMatch(/HEALTH_DATABASES: auth user [a-z ]* sample\n/);
    for (const setting of [
      "SUBGRAPH_URL_SAMPLE: http://sample:4098/graphql",
      "DATABASE_URL_SAMPLE: postgresql://postgres:postgres@postgres:5432/health_sample",
      "NATS_PASSWORD_SAMPLE: dev-nats-sample",
      "REDIS_PASSWORD_SAMPLE: dev-redis-sample",
    ]) {
      expect(config).toContain(setting);
    }
  });

  it.runIf(kubectl)(
    "leaves overlays that render it, valid, with an ordinary subgraph's numbers",
    async () => {
      for (const dir of ["deploy/nats", "deploy/redis"])
        cpSync(join(root, dir), join(copy, dir), { recursive: true });
      await generate([NAME, PORT]);
      for (const stage of STAGES) {
        const manifests = renderKustomization(kubectl ?? "", join(copy, "deploy/k8s/overlays", stage));
        expect(manifests.map(schemaProblem).filter(Boolean)).toEqual([]);
        const mine = manifests.filter((manifest) => [NAME, `pg-${NAME}`].includes(manifest.metadata.name));
        expect(mine.map((manifest) => manifest.kind).sort()).toEqual(
          ["Cluster", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Service"].sort(),
        );
        const hpa = mine.find((manifest) => manifest.kind === "HorizontalPodAutoscaler");
        expect([hpa?.spec.minReplicas, hpa?.spec.maxReplicas]).toEqual(boundsOf(stage, NAME));
      }
    },
    60_000,
  );

  it.runIf(hasNatsServer)("leaves a nats-server.conf that nats-server accepts", async () => {
    await generate([NAME, PORT]);
    const conf = read("deploy/nats/nats-server.conf");
    const passwords = Object.fromEntries(
      [...conf.matchAll(/\$(NATS_PASSWORD_[A-Z]+)/g)].map(([, variable]) => [variable, "pw-test"]),
    );
    expect(passwords).toHaveProperty("NATS_PASSWORD_SAMPLE");
    const check = spawnSync(
      "/usr/sbin/nats-server",
      ["-c", join(copy, "deploy/nats/nats-server.conf"), "-t"],
      {
        env: { ...process.env, ...passwords },
        encoding: "utf8",
      },
    );
    expect({ status: check.status, output: check.stderr + check.stdout }).toEqual({
      status: 0,
      output: expect.stringContaining("is valid"),
    });
  });

  it("writes nothing when the input is bad or the subgraph exists", async () => {
    const before = snapshot();
    await expect(generate(["Sample", PORT])).rejects.toThrow(RequestError);
    await expect(generate([NAME, "4004"])).rejects.toThrow(/taken by trade/);
    expect(snapshot()).toEqual(before);
    await generate([NAME, PORT]);
    const after = snapshot();
    await expect(generate([NAME, "4097"])).rejects.toThrow(/taken: subgraphs\/sample\//);
    expect(snapshot()).toEqual(after);
  });

  it("writes nothing when a file it registers in has a layout it does not know", async () => {
    const compose = read("docker-compose.yml").replace("HEALTH_DATABASES: ", "DATABASES: ");
    writeFileSync(join(copy, "docker-compose.yml"), compose);
    const before = snapshot();
    await expect(generate([NAME, PORT])).rejects.toThrow(RegistrationError);
    await expect(generate([NAME, PORT])).rejects.toThrow(/docker-compose.yml: no HEALTH_DATABASES/);
    expect(snapshot()).toEqual(before);
    expect(existsSync(join(copy, "subgraphs", NAME))).toBe(false);
  });
});
