import { type StartedPlatform, type StartPlatformOptions, startPlatform } from "./startPlatform.ts";

/**
 * All ten subgraphs behind one router (startPlatform starts auth, user, dynamic, trade and finance by
 * default; this turns on ec, biz, content, ops and ai too): what a test that touches every subgraph
 * needs, such as issue 13's proof with `seedPersonEverywhere`.
 */
export function startFullPlatform(
  options: Omit<StartPlatformOptions, "finance"> = {},
): Promise<StartedPlatform> {
  return startPlatform({
    ...options,
    finance: true,
    ec: true,
    biz: true,
    content: true,
    ops: true,
    ai: true,
  });
}
