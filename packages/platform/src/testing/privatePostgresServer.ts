import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { childServer } from "./childServer.ts";
import { freePort } from "./freePort.ts";

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary directory), so a test can stop and
 * restart the database under load; the machine's 5432 is never touched.
 */
export interface PrivatePostgresServer {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres`: a server URL, name a database with `withDatabase`. */
  url: string;
  /** A fast shutdown (SIGINT: open sessions are ended at once), waiting until it exited. Data survives. */
  stop(): Promise<void>;
  /** Start it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stop it and delete its data directory. */
  close(): Promise<void>;
}

const POSTGRES_LIB = "/usr/lib/postgresql";

/** The newest installed major version's binaries (Debian's layout). */
function postgresBinDir(): string {
  const versions = readdirSync(POSTGRES_LIB)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error(`No PostgreSQL under ${POSTGRES_LIB}: apt-get install postgresql`);
  return join(POSTGRES_LIB, versions[0], "bin");
}

/** initdb and postgres refuse to run as root: as root, both run as the `postgres` system user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

export async function startPrivatePostgresServer(): Promise<PrivatePostgresServer> {
  const bin = postgresBinDir();
  const user = serverUser();
  const dataDir = mkdtempSync(join(tmpdir(), "postgres-private-"));
  if (user) chownSync(dataDir, user.uid, user.gid);
  const initdb = spawnSync(
    join(bin, "initdb"),
    ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"],
    { encoding: "utf8", ...user },
  );
  if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.stderr || initdb.error?.message}`);

  const port = await freePort();
  let stderr = "";
  const server = childServer(
    "postgres",
    port,
    () => {
      const started = spawn(
        join(bin, "postgres"),
        [
          ...["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1"],
          ...["-c", `unix_socket_directories=${dataDir}`, "-c", "max_connections=200"],
          // A test server: durability across a machine crash is not what it is for.
          ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
        ],
        { stdio: ["ignore", "ignore", "pipe"], ...user },
      );
      stderr = "";
      started.stderr?.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-2_000);
      });
      return started;
    },
    { exitDetail: () => stderr, stopSignal: "SIGINT", startTimeoutMs: 30_000 },
  );
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const { stop } = server;
  // The port opens before the server takes sessions (57P03 "the database system is starting up").
  const start = async () => {
    await server.start();
    await acceptsSessions(url);
  };

  await start();
  return {
    url,
    start,
    stop,
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function acceptsSessions(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
