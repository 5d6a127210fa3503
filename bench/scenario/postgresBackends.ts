// The Postgres backends serving one process: the server-side pids of that process's TCP connections to
// port 5432 (its socket inodes in /proc/<pid>/fd, their local ports in /proc/net/tcp*, then
// pg_stat_activity's client_port), so other people's databases on the shared server do not count.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { LOCAL_POSTGRES } from "@health/platform/config";
import pg from "pg";

const POSTGRES_PORT_HEX = (5432).toString(16).toUpperCase().padStart(4, "0");

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** Local ports of `pid`'s established connections to Postgres. */
function clientPorts(pid: number): number[] {
  const inodes = socketInodes(pid);
  const ports: number[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const [local, remote, inode] = [fields[1]!, fields[2]!, fields[9]!];
      if (remote.endsWith(`:${POSTGRES_PORT_HEX}`) && inodes.has(inode))
        ports.push(Number.parseInt(local.split(":")[1]!, 16));
    }
  }
  return ports;
}

/** The backends (pid, database) serving `clientPid`. */
export async function postgresBackendsOf(
  clientPid: number,
): Promise<Array<{ pid: number; database: string }>> {
  const ports = clientPorts(clientPid);
  const client = new pg.Client({
    connectionString: `${process.env.POSTGRES_URL ?? LOCAL_POSTGRES}/postgres`,
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; datname: string }>(
      "SELECT pid, datname FROM pg_stat_activity WHERE client_port = ANY($1::int[]) AND client_addr IS NOT NULL",
      [ports],
    );
    return rows.map((row) => ({ pid: row.pid, database: row.datname }));
  } finally {
    await client.end();
  }
}
