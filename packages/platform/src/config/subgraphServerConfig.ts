import { isIP } from "node:net";
import { z } from "zod";
import { routerPublicKeysSchema } from "./routerKeySchemas.ts";

const PROXY_NAMES = ["loopback", "linklocal", "uniquelocal"];

const isProxyEntry = (entry: string) => {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split("/");
  const version = isIP(address ?? "");
  if (!version || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return Number.isInteger(prefix) && prefix >= 0 && prefix <= (version === 4 ? 32 : 128);
};

/**
 * How a subgraph process meets the network (issue 16.7), beside its own config: where it listens, whose
 * X-Forwarded-For it believes, and whose request signatures it accepts. No default for the keys: a
 * subgraph that would answer anyone must not start.
 */
export const subgraphServerConfigSchema = z.object({
  /** 127.0.0.1 unless a deployment needs otherwise (a container: 0.0.0.0, with signatures still required). */
  HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * Proxies whose X-Forwarded-For is believed, comma-separated: `loopback`, `linklocal`, `uniquelocal`,
   * addresses or CIDR ranges. The router is the proxy; default `loopback` (it runs beside the subgraphs).
   */
  TRUSTED_PROXIES: z
    .string()
    .default("loopback")
    .transform((value) => value.split(",").map((entry) => entry.trim()))
    .refine((entries) => entries.length > 0 && entries.every(isProxyEntry), {
      message: `must be a comma-separated list of ${PROXY_NAMES.join(", ")}, IP addresses or CIDR ranges`,
    }),
  /** The router's request-signing public keys (base64 SPKI DER, comma-separated, or one PEM). */
  ROUTER_PUBLIC_KEYS: routerPublicKeysSchema,
});

export type SubgraphServerConfig = z.infer<typeof subgraphServerConfigSchema>;
