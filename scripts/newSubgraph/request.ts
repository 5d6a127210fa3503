// `npm run new:subgraph -- <name> <port>`: what is asked, checked against the checkout before anything is written.

/** What `npm run new:subgraph` was asked for, with the spellings the templates need. */
export interface NewSubgraph {
  /** `content`: folders, package, database (`health_content`), NATS and Redis user, compose service. */
  name: string;
  /** `Content`: type and function names (`ContentDeps`, `connectContent`). */
  pascal: string;
  /** `CONTENT`: environment variables (`DATABASE_URL_CONTENT`, `NATS_PASSWORD_CONTENT`). */
  upper: string;
  port: number;
}

/** What the checkout already holds, as far as names and ports go. */
export interface Taken {
  /** Folders under subgraphs/ and prisma/. */
  folders: string[];
  /** SUBGRAPH_PORTS (packages/platform/src/config/subgraphPorts.ts), reserved names included. */
  ports: Record<string, number>;
  /** The router's port (ROUTER_PORT). */
  routerPort: number;
}

export class RequestError extends Error {}

export const USAGE = `Usage: npm run new:subgraph -- <name> <port>
  <name>  lowercase letters (a-z), e.g. content
  <port>  the port it listens on, e.g. 4005 (4000 + n, ARCHITECTURE.md)`;

/**
 * Names a subgraph cannot take: processes `deploy/start.sh` runs (router, migrate), users that
 * deploy/nats and deploy/redis already hold (admin, default), packages beside the subgraphs, the database
 * that event tests use (`health_events`) and the dead-letter subjects (`dlq.>`).
 */
const RESERVED_NAMES = ["router", "migrate", "admin", "default", "platform", "events", "client", "dlq"];

/** The services a developer machine runs beside the platform (README, "The two commands"). */
const SERVICE_PORTS: Record<number, string> = {
  4222: "NATS",
  5432: "PostgreSQL",
  6379: "Redis",
  8222: "NATS monitoring",
};

// Postgres names are at most 63 bytes; the longest made from a subgraph's name is the test template
// `health_<name>_template_<10 hex>` (27 bytes besides the name). 24 leaves room to spare.
const MAX_NAME_LENGTH = 24;

const pascalOf = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** The subgraph `args` ask for, or a `RequestError` naming every problem with them. */
export function parseRequest(args: readonly string[], taken: Taken): NewSubgraph {
  const [name = "", portText = "", ...extra] = args;
  if (!name || !portText || extra.length > 0) {
    throw new RequestError(`Expected a name and a port, got ${args.length} argument(s).`);
  }
  const problems = [...nameProblems(name, taken), ...portProblems(name, portText, taken)];
  if (problems.length > 0) throw new RequestError(problems.join("\n"));
  return { name, pascal: pascalOf(name), upper: name.toUpperCase(), port: Number(portText) };
}

function nameProblems(name: string, taken: Taken): string[] {
  if (!/^[a-z]+$/.test(name)) {
    return [
      `The name "${name}" must be lowercase letters only (a-z): it names a folder, a database and a user.`,
    ];
  }
  if (name.length > MAX_NAME_LENGTH) {
    return [`The name "${name}" is longer than ${MAX_NAME_LENGTH} letters (database names derive from it).`];
  }
  if (RESERVED_NAMES.includes(name)) {
    return [`The name "${name}" is reserved (${RESERVED_NAMES.join(", ")} are).`];
  }
  if (taken.folders.includes(name)) {
    return [`The name "${name}" is taken: subgraphs/${name}/ or prisma/${name}/ already exists.`];
  }
  return [];
}

function portProblems(name: string, portText: string, taken: Taken): string[] {
  if (!/^\d+$/.test(portText)) return [`The port "${portText}" is not a number.`];
  const port = Number(portText);
  if (port < 1024 || port > 65535) return [`The port ${port} must be between 1024 and 65535.`];
  if (port === taken.routerPort || port === taken.routerPort + 1000) {
    return [
      `The port ${port} is the router's (public ${taken.routerPort}, internal ${taken.routerPort + 1000}).`,
    ];
  }
  const service = SERVICE_PORTS[port];
  if (service) return [`The port ${port} is ${service}'s on a developer machine.`];
  const problems: string[] = [];
  const holder = Object.entries(taken.ports).find(([other, used]) => used === port && other !== name);
  if (holder)
    problems.push(
      `The port ${port} is taken by ${holder[0]} (packages/platform/src/config/subgraphPorts.ts).`,
    );
  const reserved = taken.ports[name];
  if (reserved !== undefined && reserved !== port) {
    problems.push(
      `${name}'s port is ${reserved} in packages/platform/src/config/subgraphPorts.ts, not ${port}.`,
    );
  }
  return problems;
}
