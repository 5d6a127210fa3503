import { readFileSync } from "node:fs";
import { type ConnectionOptions, credsAuthenticator } from "nats";
import { ConfigError } from "../config/loadConfig.ts";

/**
 * How a process proves who it is to NATS; at most one way. With none, it connects anonymously, as on a
 * developer machine. In production each subgraph has its own user, whose permissions
 * (deploy/nats/nats-server.conf) let it publish only its own subjects.
 */
export interface NatsCredentials {
  /** User name; needs `NATS_PASSWORD`. */
  NATS_USER?: string;
  NATS_PASSWORD?: string;
  /** A token (`authorization { token }` on the server). */
  NATS_TOKEN?: string;
  /** Path to a `.creds` file (user JWT + nkey seed) for operator/JWT-based servers. */
  NATS_CREDS?: string;
}

type AuthOptions = Pick<ConnectionOptions, "user" | "pass" | "token" | "authenticator">;

/** The connect options for `credentials`; a ConfigError naming the variables when they contradict each other. */
export function natsAuthOptions(credentials: NatsCredentials): AuthOptions {
  const { NATS_USER: user, NATS_PASSWORD: pass, NATS_TOKEN: token, NATS_CREDS: credsFile } = credentials;
  const problems: string[] = [];
  if (user && !pass) problems.push("NATS_PASSWORD: missing; NATS_USER needs a password");
  if (pass && !user) problems.push("NATS_USER: missing; NATS_PASSWORD belongs to a user");
  const ways = [
    user || pass ? "NATS_USER/NATS_PASSWORD" : "",
    token ? "NATS_TOKEN" : "",
    credsFile ? "NATS_CREDS" : "",
  ];
  const set = ways.filter(Boolean);
  if (set.length > 1)
    problems.push(`NATS_USER: set only one way to authenticate to NATS, not ${set.join(" and ")}`);
  if (problems.length > 0) throw new ConfigError(problems);
  if (user && pass) return { user, pass };
  if (token) return { token };
  if (credsFile) return { authenticator: credsAuthenticator(readCreds(credsFile)) };
  return {};
}

function readCreds(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigError([`NATS_CREDS: cannot read "${path}" (${(error as Error).message})`]);
  }
}

/**
 * `_INBOX_<name>`: replies (JetStream acks, pull deliveries) come to subjects only this process's NATS
 * user may subscribe to, so no other user can read them off the shared `_INBOX.>`.
 */
export const inboxPrefixFor = (name: string): string => `_INBOX_${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
