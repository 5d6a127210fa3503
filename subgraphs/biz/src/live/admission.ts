import { createHash } from "node:crypto";
import type { Logger } from "@health/platform/logging";
import type NodeMediaServer from "node-media-server";
import type { Counter } from "prom-client";
import { type GateKeys, gateVerdict, type SessionAttempt } from "./sessionGate.ts";
import type { StreamStates } from "./streamStates.ts";

export type NmsSession = Parameters<Parameters<NodeMediaServer["on"]>[1]>[0];

export interface AdmissionOptions {
  keys: GateKeys;
  /** The secret node-media-server's own `sign` check is configured with (auth.secret); this process's only. */
  internalSecret: string;
  /** What biz's events said of the stream (streamStates.ts). */
  streams: Pick<StreamStates, "isLive" | "isEnded" | "caughtUp">;
  verdicts: Counter<"kind" | "verdict">;
  logger: Logger;
}

/**
 * A signature says who may push or play; biz's events say when. A stream biz ended is refused to
 * everyone. A push needs the stream LIVE (startLiveStream's live_started read): a SCHEDULED stream takes
 * no push however valid its URL, and until the media server has read the bus to its end since it started
 * (NATS unreachable, say) it cannot tell, so it refuses every push (`state-unknown`); plays go on.
 */
function admissionVerdict(options: AdmissionOptions, attempt: SessionAttempt) {
  if (options.streams.isEnded(attempt.streamName)) return "ended";
  const verdict = gateVerdict(options.keys, attempt, new Date());
  if (verdict !== "ok" || attempt.kind === "play") return verdict;
  if (!options.streams.caughtUp()) return "state-unknown";
  return options.streams.isLive(attempt.streamName) ? "ok" : "not-live";
}

/**
 * A `prePublish` / `prePlay` hook. node-media-server's own check is a different scheme
 * (`sign=<exp>-md5(path-exp-secret)`), run right after these hooks, so the hook translates our verdict
 * into it: a session we admit gets a `sign` made with the internal secret, one we refuse loses any
 * `sign`, and the library then lets the first through and closes the second through its own refusal
 * path (RTMP: socket ended; HTTP-FLV: the 403 set here) before any media flows.
 */
export function admissionHook(kind: SessionAttempt["kind"], options: AdmissionOptions) {
  return (session: NmsSession): void => {
    const attempt = {
      kind,
      app: session.streamApp,
      streamName: session.streamName,
      query: session.streamQuery,
    };
    const verdict = admissionVerdict(options, attempt);
    options.verdicts.inc({ kind, verdict });
    if (verdict === "ok") {
      const expiry = Math.floor(Date.now() / 1000) + 60;
      const digest = createHash("md5")
        .update(`${session.streamPath}-${expiry}-${options.internalSecret}`)
        .digest("hex");
      session.streamQuery.sign = `${expiry}-${digest}`;
      return;
    }
    delete session.streamQuery.sign;
    if (session.res?.status && !session.res.headersSent) session.res.status(403);
    options.logger.info(
      { kind, stream: session.streamPath, verdict, ip: session.ip },
      "live session refused",
    );
  };
}
