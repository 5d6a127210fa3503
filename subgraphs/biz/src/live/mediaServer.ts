import { randomBytes } from "node:crypto";
import { once } from "node:events";
import type { Server } from "node:net";
import type { Logger } from "@health/platform/logging";
import { createProcessMetrics } from "@health/platform/server";
import NodeMediaServer from "node-media-server";
import nmsContext from "node-media-server/src/core/context.js";
import nmsLogger from "node-media-server/src/core/logger.js";
import { rateSampler } from "node-media-server/src/core/rate_sampler.js";
import { Counter } from "prom-client";
import { admissionHook } from "./admission.ts";
import { listeningCheck, startHealthServer } from "./healthServer.ts";
import type { MediaServerConfig } from "./mediaServerConfig.ts";
import { watchStreamStates } from "./streamStates.ts";

/** A running media server; `close` stops every listener. */
export interface MediaServer {
  rtmpPort: number;
  httpPort: number;
  healthPort: number;
  close(): Promise<void>;
}

async function listening(server: Server | undefined, what: string): Promise<void> {
  if (!server) throw new Error(`node-media-server did not create its ${what} listener`);
  if (!server.listening) await once(server, "listening");
}

/**
 * node-media-server (RTMP in, RTMP and HTTP-FLV out) that admits a push or a play only with a valid,
 * unexpired Tencent-style signature for a stream biz has not ended, and a push only to a stream biz
 * started (admission.ts). node-media-server
 * keeps its state in module globals: one per process.
 */
export async function startMediaServer(config: MediaServerConfig, logger: Logger): Promise<MediaServer> {
  const internalSecret = randomBytes(32).toString("hex");
  const metrics = createProcessMetrics("media-server");
  const verdicts = new Counter({
    name: "live_media_sessions_total",
    help: "Push and play attempts at the media server, by verdict (ok, missing, expired, forged, wrong-app, ended, not-live, state-unknown)",
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

  // biz's live_started admits pushes; live_ended drops the stream's publisher and viewers now, and
  // refuses its URLs from then on.
  const streams = watchStreamStates({
    natsUrl: config.NATS_URL,
    credentials: config,
    eventPrefix: config.TEST_EVENT_PREFIX,
    lookbackSeconds: config.MEDIA_ENDED_LOOKBACK_SECONDS,
    logger,
    onStarted: (streamName) => logger.info({ stream: streamName }, "live stream started by its host"),
    onEnded: (streamName) => {
      for (const session of nmsContext.sessions.values()) {
        if (session.streamName === streamName) session.close();
      }
      logger.info({ stream: streamName }, "live stream ended by its host: closed");
    },
  });

  const admission = {
    keys: { appName: config.LIVE_APP_NAME, pushKey: config.LIVE_PUSH_KEY, playKey: config.LIVE_PLAY_KEY },
    internalSecret,
    streams,
    verdicts,
    logger,
  };
  nms.on("prePublish", admissionHook("push", admission));
  nms.on("prePlay", admissionHook("play", admission));

  await nms.run();
  await listening(nms.rtmpServer.tcpServer, "RTMP");
  await listening(nms.httpServer.httpServer, "HTTP");
  const health = await startHealthServer({
    port: config.PORT,
    bind: config.MEDIA_BIND,
    checks: [
      listeningCheck("rtmp", nms.rtmpServer.tcpServer),
      listeningCheck("http-flv", nms.httpServer.httpServer),
    ],
    registry: metrics.registry,
  });
  logger.info(
    {
      rtmpPort: config.MEDIA_RTMP_PORT,
      httpPort: config.MEDIA_HTTP_PORT,
      healthPort: health.port,
      app: config.LIVE_APP_NAME,
    },
    "media server listening",
  );

  return {
    rtmpPort: config.MEDIA_RTMP_PORT,
    httpPort: config.MEDIA_HTTP_PORT,
    healthPort: health.port,
    close: async () => {
      await health.close();
      await streams.close();
      await nms.stop();
    },
  };
}
