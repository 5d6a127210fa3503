import { type Browser, type BrowserContext, chromium, type LaunchOptions } from "playwright-core";

/** Debian's Chromium: `npx playwright install` needs the internet (../shared/design/TOOLCHAIN.md). */
export const chromiumPath = "/usr/bin/chromium";

// Keep Chromium from phoning home (updates, sync, field trials, QUIC probes) so a test that asserts
// "no request left the machine" only sees the page's own traffic.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches headless Debian Chromium with a fresh profile; close the returned browser when done. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    ...options,
    args: [...chromiumArgs, ...(options.args ?? [])],
  });
}

const isLocalHost = (url: URL): boolean =>
  url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";

/**
 * Aborts every HTTP(S) and WebSocket request from `context` whose host is not this machine, and returns the
 * live list of the URLs that were attempted, so a test can assert it stays empty. `data:` and `blob:` URLs
 * never reach the network and are let through.
 */
export async function blockForeignRequests(context: BrowserContext): Promise<string[]> {
  const attempted: string[] = [];
  await context.route(
    (url) => (url.protocol === "http:" || url.protocol === "https:") && !isLocalHost(url),
    async (route) => {
      attempted.push(route.request().url());
      await route.abort("blockedbyclient");
    },
  );
  await context.routeWebSocket(
    (url) => !isLocalHost(url),
    (ws) => {
      attempted.push(ws.url());
      void ws.close({ code: 1008, reason: "blocked by test" });
    },
  );
  return attempted;
}
