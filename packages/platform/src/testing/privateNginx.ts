import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { childServer } from "./childServer.ts";
import { freePort } from "./freePort.ts";

/** Debian's nginx (`apt-get install nginx`; `.ci/run` installs it). */
export const NGINX = "/usr/sbin/nginx";

/** One request as the access log recorded it. */
export interface NginxLogEntry {
  /** The pool whose listener took it. */
  pool: string;
  method: string;
  /** 101 for a WebSocket, logged when the socket closes. */
  status: number;
  /** The `x-request-id` the client sent ("" when none), to follow one request through several pools. */
  requestId: string;
  /** Every instance nginx tried, in order: more than one only after a refused connection or a timeout. */
  upstreams: string[];
}

/** A load balancer of the test's own: one nginx, one listener per pool of instances. */
export interface PrivateNginx {
  /** Each pool's origin (`http://127.0.0.1:<port>`), by pool name. */
  urls: Record<string, string>;
  /** Every request so far, oldest first. */
  accessLog(): NginxLogEntry[];
  /** SIGTERM (nginx's fast shutdown), and wait until it exited. */
  stop(): Promise<void>;
  /** Stop it and delete its directory (configuration, logs, temporary files). */
  close(): Promise<void>;
}

export interface PrivateNginxOptions {
  /** Pool name → its instances as `127.0.0.1:<port>`; each pool gets a listener on a free port. */
  pools: Record<string, string[]>;
}

/**
 * Starts nginx as a child of the test (`-g "daemon off;"`), everything it writes inside a fresh directory,
 * balancing each pool round-robin the way deploy/README.md ("Running several instances") asks of a
 * production load balancer: WebSocket upgrades passed through, long read timeouts for sockets, and a
 * request moved to the next instance only when it could not be sent (refused) or timed out before it
 * was, never a POST that one instance already received.
 */
export async function startPrivateNginx(options: PrivateNginxOptions): Promise<PrivateNginx> {
  const names = Object.keys(options.pools);
  if (names.length === 0) throw new Error("startPrivateNginx needs at least one pool.");
  const ports = new Map<string, number>();
  for (const name of names) ports.set(name, await freePort());
  const dir = mkdtempSync(join(tmpdir(), "nginx-private-"));
  const configFile = join(dir, "nginx.conf");
  const errorLog = join(dir, "error.log");
  const accessLogFile = join(dir, "access.log");
  writeFileSync(configFile, nginxConfig(dir, options.pools, ports));

  const firstPort = ports.get(names[0]!)!;
  const server = childServer("nginx", firstPort, () =>
    spawn(NGINX, ["-p", dir, "-c", configFile, "-e", errorLog, "-g", "daemon off;"], { stdio: "ignore" }),
  );
  const readErrorLog = () => (existsSync(errorLog) ? readFileSync(errorLog, "utf8").slice(-2_000) : "");
  // nginx binds every listener before any worker starts, so one port answering means all do.
  await server.start().catch((error: Error) => {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${error.message}\n${readErrorLog()}`);
  });

  const poolByPort = new Map([...ports].map(([name, port]) => [String(port), name]));
  return {
    urls: Object.fromEntries(names.map((name) => [name, `http://127.0.0.1:${ports.get(name)}`])),
    accessLog: () =>
      existsSync(accessLogFile)
        ? readFileSync(accessLogFile, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => parseLogLine(line, poolByPort))
        : [],
    stop: server.stop,
    close: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * As root nginx switches its workers to the `user` directive's account; the invoking user (root) can
 * then still reach the 0700 directory. Anyone else runs everything as themselves, without the directive.
 */
function nginxConfig(dir: string, pools: Record<string, string[]>, ports: Map<string, number>): string {
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};` : "";
  const upstreams = Object.entries(pools).map(([name, servers]) => {
    if (servers.length === 0) throw new Error(`Pool ${name} has no instances.`);
    return `
  upstream ${name} {
    ${servers.map((server) => `server ${server} max_fails=1 fail_timeout=10s;`).join("\n    ")}
    # Kept-alive connections to the instances, closed before Node's own 5 s keep-alive timeout closes them
    # (a POST sent on a socket the instance just closed would otherwise fail, and is not retried).
    keepalive 32;
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${ports.get(name)};
    location / {
      proxy_pass http://${name};
    }
  }`;
  });
  return `${user}
worker_processes 1;
pid ${join(dir, "nginx.pid")};
events { worker_connections 1024; }
http {
  log_format pools '$server_port $request_method $status "$http_x_request_id" "$upstream_addr"';
  access_log ${join(dir, "access.log")} pools;
  client_body_temp_path ${join(dir, "client_body")};
  proxy_temp_path ${join(dir, "proxy")};
  fastcgi_temp_path ${join(dir, "fastcgi")};
  uwsgi_temp_path ${join(dir, "uwsgi")};
  scgi_temp_path ${join(dir, "scgi")};

  map $http_upgrade $connection_upgrade {
    default upgrade;
    "" "";
  }
  proxy_http_version 1.1;
  proxy_set_header Upgrade $http_upgrade;
  proxy_set_header Connection $connection_upgrade;
  proxy_set_header Host $http_host;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  # A subscription's socket stays open for hours; the router and the subgraphs ping on it.
  proxy_read_timeout 1h;
  proxy_send_timeout 1h;
  proxy_connect_timeout 2s;
  # Refused or timed out before anything was sent: try the next instance. A POST an instance already
  # received is answered 502, never sent twice (no "non_idempotent").
  proxy_next_upstream error timeout;
  proxy_buffering off;
${upstreams.join("\n")}
}
`;
}

const LOG_LINE = /^(\d+) (\S+) (\d+) "([^"]*)" "([^"]*)"$/;

function parseLogLine(line: string, poolByPort: Map<string, string>): NginxLogEntry {
  const match = LOG_LINE.exec(line);
  if (!match) throw new Error(`Unexpected nginx access log line: ${line}`);
  const [, port, method, status, requestId, upstreams] = match;
  return {
    pool: poolByPort.get(port!) ?? port!,
    method: method!,
    status: Number(status),
    requestId: requestId === "-" ? "" : requestId!,
    // "a, b" for a request tried on two instances; " : " joins the hops of an internal redirect.
    upstreams: upstreams === "-" ? [] : upstreams!.split(/\s*[,:]\s+/).filter(Boolean),
  };
}
