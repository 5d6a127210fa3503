import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureEventStreams, eventsStreamName } from "@health/platform/events";
import { eventually, freePort } from "@health/platform/testing";
import { Redis } from "ioredis";
import { connect } from "nats";
import { afterAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

// The commands of deploy/k8s/base/{nats,redis}/statefulset.yaml run for real on this machine, with the
// repository's nats-server.conf and users.acl: only the pods' names and ports become loopback ones.
const root = join(import.meta.dirname, "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "k8s-brokers-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});

/** The first container's command of a StatefulSet in one of the base's files. */
function commandOf(file: string, statefulSet: string): string[] {
  const documents = parseAllDocuments(readFileSync(join(root, "deploy/k8s/base", file), "utf8"));
  const set = documents
    .map((document) => document.toJS())
    .find((object) => object?.kind === "StatefulSet" && object.metadata.name === statefulSet);
  return set.spec.template.spec.containers[0].command;
}

function run(command: string[], env: Record<string, string>): ChildProcess {
  const [file = "", ...args] = command;
  const child = spawn(file, args, {
    env: { ...process.env, ...env },
    stdio: "ignore",
  });
  children.push(child);
  return child;
}

/** The platform's shared environment, as deploy/k8s/base/platform-env.yaml gives it to every process. */
const platformEnv = (): Record<string, string> =>
  parseAllDocuments(readFileSync(join(root, "deploy/k8s/base/platform-env.yaml"), "utf8"))
    .map((document) => document.toJS())
    .find((object) => object?.kind === "ConfigMap").data;

const passwordsOf = (file: string, pattern: RegExp) =>
  Object.fromEntries(
    [...readFileSync(join(root, file), "utf8").matchAll(pattern)].map(([, name]) => [name, "pw-k8s"]),
  );

describe("the NATS StatefulSet's command", () => {
  it("forms a three-node JetStream cluster from deploy/nats/nats-server.conf", async () => {
    const env = passwordsOf("deploy/nats/nats-server.conf", /\$(NATS_PASSWORD_[A-Z]+)/g);
    const nodes = await Promise.all(
      [0, 1, 2].map(async () => ({
        client: await freePort(),
        route: await freePort(),
        monitor: await freePort(),
      })),
    );
    const routeOf = (n: number) => `nats://127.0.0.1:${nodes[n]?.route}`;
    nodes.forEach((node, n) => {
      const command = commandOf("nats/statefulset.yaml", "nats").map((arg) =>
        arg
          .replace("/etc/health-nats/", `${root}/deploy/nats/`)
          .replace(/^\/data$/, join(scratch, `nats-${n}`))
          .replace("/var/run/nats/", `${scratch}/nats-${n}-`)
          .replace("$(POD_NAME)", `nats-${n}`)
          .replace(/^8222$/, String(node.monitor))
          .replace("nats://0.0.0.0:6222", routeOf(n))
          .replace(/nats:\/\/nats-(\d)\.nats-cluster:6222/g, (_, i) => routeOf(Number(i))),
      );
      run([...command, "-a", "127.0.0.1", "-p", String(node.client)], env);
    });
    const meta = await eventually(
      async () => {
        const jsz = await fetch(`http://127.0.0.1:${nodes[0]?.monitor}/jsz`).catch(() => null);
        return jsz?.ok
          ? ((await jsz.json()) as { meta_cluster?: { cluster_size: number; leader?: string } })
          : {};
      },
      (jsz) => Boolean(jsz.meta_cluster?.leader),
      30_000,
    );
    expect(meta.meta_cluster).toMatchObject({
      cluster_size: 3,
      leader: expect.stringMatching(/^nats-[012]$/),
    });

    // The streams a subgraph creates with the ConfigMap's NATS_STREAM_REPLICAS live on all three nodes.
    const nats = await connect({ servers: `127.0.0.1:${nodes[0]?.client}`, user: "admin", pass: "pw-k8s" });
    try {
      const bus = { prefix: "k8s", replicas: Number(platformEnv().NATS_STREAM_REPLICAS) };
      await ensureEventStreams(nats, bus);
      const info = await (await nats.jetstreamManager()).streams.info(eventsStreamName(bus));
      expect(info.config.num_replicas).toBe(3);
      expect(info.cluster?.replicas).toHaveLength(2);
    } finally {
      await nats.close();
    }
  }, 60_000);
});

describe("the Redis StatefulSets' commands", () => {
  it("start the primary and a replica that follows it as admin, from deploy/redis", async () => {
    const env = passwordsOf("deploy/redis/users.acl", /\$\{(REDIS_PASSWORD_[A-Z]+)\}/g);
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    const local = (command: string[], name: string, port: number) =>
      command.map((arg) =>
        arg
          .replaceAll("/etc/health-redis/", `${root}/deploy/redis/`)
          .replace("--dir /data", `--dir ${join(scratch, name)}`)
          .replace("--replicaof redis 6379", `--replicaof 127.0.0.1 ${primaryPort}`)
          .concat(arg.startsWith("exec ") ? ` --port ${port} --bind 127.0.0.1 --save ""` : ""),
      );
    for (const [name, port] of [
      ["redis", primaryPort],
      ["redis-replica", replicaPort],
    ] as const) {
      mkdirSync(join(scratch, name));
      run(local(commandOf("redis/statefulset.yaml", name), name, port), {
        ...env,
        REDIS_ACL_FILE: join(scratch, `${name}.acl`),
        REDIS_MAXMEMORY: "64mb",
      });
    }
    const connect = (port: number) =>
      new Redis({ port, host: "127.0.0.1", username: "admin", password: "pw-k8s", retryStrategy: () => 100 });
    const primary = connect(primaryPort);
    const replica = connect(replicaPort);
    // Refused until each server is up; the reads below wait for that.
    for (const client of [primary, replica]) client.on("error", () => undefined);
    try {
      await eventually(
        () =>
          primary.ping().then(
            () => true,
            () => false,
          ),
        Boolean,
        15_000,
      );
      await primary.set("k8s:replicated", "yes");
      const seen = await eventually(
        async () => replica.get("k8s:replicated").catch(() => null),
        (value) => value === "yes",
        20_000,
      );
      expect(seen).toBe("yes");
      expect(await replica.info("replication")).toContain("master_link_status:up");
    } finally {
      primary.disconnect();
      replica.disconnect();
    }
  }, 60_000);
});
