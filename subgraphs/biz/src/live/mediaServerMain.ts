import { loadConfig } from "@health/platform/config";
import { createLogger } from "@health/platform/logging";
import { shutdownOnSignal } from "@health/platform/server";
import { startMediaServer } from "./mediaServer.ts";
import { mediaServerConfigSchema } from "./mediaServerConfig.ts";

// The local live engine as its own process (subgraphs/biz/README.md, "Live streams"): however many biz
// instances sign URLs, the streams live in this one server.
const logger = createLogger("media-server");
const config = loadConfig(mediaServerConfigSchema, process.env);
const server = await startMediaServer(config, logger);
shutdownOnSignal(() => server.close(), logger);
