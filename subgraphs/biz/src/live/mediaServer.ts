import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import type { Server } from "node:net";
import type { Logger } from "@health/platform/logging";
import { createProcessMetrics, healthRoutes, type ReadinessCheck } from "@health/platform/server";
import express from "express";
import NodeMediaServer from "node-media-server";
import nmsContext from "node-media-server/src/core/context.js";
import nmsLogger from "node-media-server/src/core/logger.js";
import { rateSampler } from "node-media-server/src/core/rate_sampler.js";
import { Counter } from "prom-client";
import { watchEndedStreams } from "./endedStreams.ts";
import type { MediaServerConfig } from "./mediaServerConfig.ts";
import { gateVerdict, type SessionAttempt } from "./sessionGate.ts";

/** A running media server; `close` stops every listener. */
export interface MediaServer {
  rtmpPort: number;
  httpPort: number;
  healthPort: number;
  close(): Promise<void>;
}

type NmsSession = Parameters<Parameters<NodeMediaServer["on"]>[1]>[0];

const attemptOf = (kind: SessionAttempt["kind"], session: NmsSession): SessionAttempt => ({
  kind,
  app: session.streamApp,
  streamName: session.streamName,
  query: session.streamQuery,
});

async function listening(server: Server | undefined, what: string): Promise<void> {
  if (!server) throw new Error(`node-media-server did not create its ${what} listener`);
  if (!server.listening) await once(server, "listening");
}

/**
 * node-media-server (RTMP in, RTMP and HTTP-FLV out) that admits a push or a play only with a valid,
 * unexpired Tencent-style signature (sessionGate.ts). node-media-server's own check is a different
 * scheme (`sign=<exp>-md5(path-exp-secret)`), so the pre-hooks translate: a session the gate admits
 * gets a `sign` made with a secret only this process knows, one it refuses loses any `sign`, and the
 * library's own check then lets the first through and closes the second (HTTP-FLV with a 403) before
 * any media flows. node-media-server keeps its state in module globals: one per process.
 */
export async function startMediaServer(config: MediaServerConfig, logger: Logger): Promise<MediaServer> {
  const internalSecret = randomBytes(32).toString("hex");
  const keys = {
    appName: config.LIVE_APP_NAME,
    pushKey: config.LIVE_PUSH_KEY,
    playKey: config.LIVE_PLAY_KEY,
  };
  const metrics = createProcessMetrics("media-server");
  const sessions = new Counter({
    name: "live_media_sessions_total",
    help: "Push and play attempts at the media server, by verdict (ok, missing, expired, forged, wrong-app, ended)",
    labelNames: ["kind", "verdict"],
    registers: [metrics.registry],
  });

  const nms = new NodeMediaServer({
    bind: config.MEDIA_BIND,
    rtmp: { port: config.MEDIA_RTMP_PORT },
    http: { port: config.MEDIA_HTTP_PORT },
    record: { auto: false },
    store: { path: config.MEDIA_DATA_DIR },
    webadmin: { enable: false },
    auth: { publish: true, play: true, secret: internalSecret },
  });
  nmsLogger.level = "warn";
  // It samples traffic every second for its admin API, which is off here; idle costs nothing (rule 11).
  rateSampler.stop();

  // biz's live_ended: drop the stream's publisher and viewers now, refuse its URLs from then on.
  const ended = watchEndedStreams({
    natsUrl: config.NATS_URL,
    credentials: config,
    eventPrefix: config.TEST_EVENT_PREFIX,
    lookbackSeconds: config.MEDIA_ENDED_LOOKBACK_SECONDS,
    logger,
    onEnded: (streamName) => {
      for (const session of nmsContext.sessions.values()) {
        if (session.streamName === streamName) session.close();
      }
      logger.info({ stream: streamName }, "live stream ended by its host: closed");
    },
  });

  const gate = (kind: SessionAttempt["kind"]) => (session: NmsSession) => {
    const verdict = ended.has(session.streamName)
      ? "ended"
      : gateVerdict(keys, attemptOf(kind, session), new Date());
    sessions.inc({ kind, verdict });
    if (verdict === "ok") {
      const expiry = Math.floor(Date.now() / 1000) + 60;
      const digest = createHash("md5")
        .update(`${session.streamPath}-${expiry}-${internalSecret}`)
        .digest("hex");
      session.streamQuery.sign = `${expiry}-${digest}`;
      return;
    }
    delete session.streamQuery.sign;
    if (session.res?.status && !session.res.headersSent) session.res.status(403);
    logger.info({ kind, stream: session.streamPath, verdict, ip: session.ip }, "live session refused");
  };
  nms.on("prePublish", gate("push"));
  nms.on("prePlay", gate("play"));

  await nms.run();
  await listening(nms.rtmpServer.tcpServer, "RTMP");
  await listening(nms.httpServer.httpServer, "HTTP");

  const listeningCheck = (name: string, server: Server | undefined): ReadinessCheck => ({
    name,
    check: async () => {
      if (!server?.listening) throw new Error(`${name} is not listening`);
    },
  });
  const app = express();
  app.use(
    healthRoutes({
      checks: [
        listeningCheck("rtmp", nms.rtmpServer.tcpServer),
        listeningCheck("http-flv", nms.httpServer.httpServer),
      ],
      registry: metrics.registry,
    }),
  );
  const health = app.listen(config.PORT, config.MEDIA_BIND);
  await once(health, "listening");
  const address = health.address();
  const healthPort = typeof address === "object" && address ? address.port : config.PORT;
  logger.info(
    { rtmpPort: config.MEDIA_RTMP_PORT, httpPort: config.MEDIA_HTTP_PORT, healthPort, app: keys.appName },
    "media server listening",
  );

  return {
    rtmpPort: config.MEDIA_RTMP_PORT,
    httpPort: config.MEDIA_HTTP_PORT,
    healthPort,
    close: async () => {
      await new Promise<void>((resolve) => health.close(() => resolve()));
      await ended.close();
      await nms.stop();
    },
  };
}
