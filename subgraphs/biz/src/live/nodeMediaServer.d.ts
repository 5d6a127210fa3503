// The little of node-media-server 4.4 (plain JavaScript, no typings) that mediaServer.ts uses.
declare module "node-media-server" {
  import type { Server } from "node:net";

  interface NmsSession {
    id: string;
    ip: string;
    protocol: string;
    streamApp: string;
    streamName: string;
    streamPath: string;
    streamQuery: Record<string, unknown>;
    /** HTTP-FLV over plain HTTP: express's response, not yet sent when the pre-hooks run. */
    res?: { headersSent?: boolean; status?: (code: number) => unknown };
  }

  interface NmsConfig {
    bind?: string;
    rtmp?: { port?: number };
    http?: { port?: number };
    record?: { auto?: boolean; path?: string };
    store?: { path?: string };
    webadmin?: { enable?: boolean };
    auth?: { play?: boolean; publish?: boolean; secret?: string };
  }

  export default class NodeMediaServer {
    constructor(config: NmsConfig);
    rtmpServer: { tcpServer?: Server };
    httpServer: { httpServer?: Server };
    on(
      event: "prePublish" | "prePlay" | "postPublish" | "donePublish",
      listener: (session: NmsSession) => void,
    ): void;
    run(): Promise<void>;
    stop(): Promise<void>;
  }
}

declare module "node-media-server/src/core/logger.js" {
  const logger: { level: string };
  export default logger;
}

declare module "node-media-server/src/core/rate_sampler.js" {
  export const rateSampler: { stop(): void };
}

declare module "node-media-server/src/core/context.js" {
  const Context: {
    /** Every open session (RTMP, HTTP-FLV), by id. */
    sessions: Map<string, { streamName: string; close(): void }>;
  };
  export default Context;
}
