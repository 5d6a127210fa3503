import { execFileSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explorerMiddleware } from "../src/explorer/explorerMiddleware.ts";
import { blockForeignRequests, launchChromium } from "./support/chromium.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

const buildScript = fileURLToPath(new URL("../../scripts/buildExplorer.mjs", import.meta.url));

interface Context {
  authorization: string | undefined;
}

const typeDefs = "type Query { hello: String, authorization: String }";
const resolvers = {
  Query: {
    hello: () => "world",
    authorization: (_: unknown, __: unknown, ctx: Context) => ctx.authorization ?? null,
  },
};

async function startRouter(distDir?: string): Promise<{ url: string; close: () => Promise<void> }> {
  const apollo = new ApolloServer<Context>({ typeDefs, resolvers });
  await apollo.start();
  const app = express();
  app.use(explorerMiddleware({ path: "/graphql", ...(distDir ? { distDir } : {}) }));
  app.use(
    "/graphql",
    express.json(),
    expressMiddleware(apollo, { context: async ({ req }) => ({ authorization: req.headers.authorization }) }),
  );
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

/** Monaco renders text as styled spans with non-breaking spaces; compare on plain, collapsed text. */
async function editorText(page: Page, editor: string): Promise<string> {
  const text = await page.locator(`${editor} .view-lines`).textContent();
  return (text ?? "").replace(/\s+/g, " ");
}

describe("GraphiQL explorer", () => {
  let router: Awaited<ReturnType<typeof startRouter>>;
  let platform: StartedPlatform;
  let browser: Browser;

  beforeAll(async () => {
    // Skips at once when router/explorer/dist is already fresh.
    execFileSync(process.execPath, [buildScript], { stdio: "inherit" });
    [router, platform, browser] = await Promise.all([startRouter(), startPlatform(), launchChromium()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await router?.close();
    await platform?.close();
  });

  it("runs a query from the router's own explorer without leaving the machine", async () => {
    const email = `explorer-${Date.now()}@example.com`;
    const signUp = await graphqlClient(platform.url)<{ register: { accessToken: string } }>(
      "mutation($input: RegisterInput!) { register(input: $input) { accessToken } }",
      { input: { email, password: "correct-horse-42", displayName: "Explorer Ann" } },
    );
    const token = signUp.data!.register.accessToken;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const foreign = await blockForeignRequests(context);
    const page = await context.newPage();
    const workers: string[] = [];
    page.on("worker", (worker) => workers.push(new URL(worker.url()).pathname));
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });

    await page.goto(platform.url);
    const queryEditor = page.locator(".graphiql-query-editor .monaco-editor");
    await queryEditor.waitFor({ state: "visible", timeout: 10_000 });

    await queryEditor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    // insertText skips Monaco's per-keystroke auto-closing of braces and quotes.
    await page.keyboard.insertText("{ me { displayName email } }");

    await page.getByRole("button", { name: "Headers" }).click();
    await page.locator('.monaco-editor[data-uri$="request-headers.json"]').click();
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${token}` }));

    await page.locator(".graphiql-execute-button").click();
    await expect
      .poll(() => editorText(page, ".graphiql-response"), { timeout: 10_000 })
      .toContain('"displayName": "Explorer Ann"');
    expect(await editorText(page, ".graphiql-response")).toContain(`"email": "${email}"`);

    // Monaco falls back to the main thread, with only a warning, when a worker cannot start.
    await expect
      .poll(() => workers.map((path) => path.replace(/-\w+\.js$/, "")), { timeout: 5_000 })
      .toEqual(
        expect.arrayContaining([
          "/explorer/editor.worker",
          "/explorer/graphql.worker",
          "/explorer/json.worker",
        ]),
      );

    await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
    await expect.poll(() => page.locator(".graphiql-doc-explorer").textContent()).toMatch(/query:\s*Query/);

    await page.screenshot({ path: "/tmp/explorer.png" });
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("runs a subscription from the explorer over the router's WebSocket", async () => {
    const api = graphqlClient(platform.url);
    const watcher = await signUp(api, "Watcher");
    const walker = await signUp(api, "Walker");
    await api("mutation($id: ID!) { follow(userId: $id) { id } }", { id: walker.id }, watcher.token);
    await api(
      "mutation { setFeedPreferences(input: { sharedHealthActivities: [HEALTH_ACTION_RECORDED] }) { version } }",
      {},
      walker.token,
    );

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const foreign = await blockForeignRequests(context);
    const page = await context.newPage();
    await page.goto(platform.url);
    const queryEditor = page.locator(".graphiql-query-editor .monaco-editor");
    await queryEditor.waitFor({ state: "visible", timeout: 10_000 });
    await queryEditor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("subscription { feedUpdated { type actor { displayName } } }");
    await page.getByRole("button", { name: "Headers" }).click();
    await page.locator('.monaco-editor[data-uri$="request-headers.json"]').click();
    await page.keyboard.insertText(JSON.stringify({ authorization: `Bearer ${watcher.token}` }));
    await page.locator(".graphiql-execute-button").click();

    // The subscription reaches the dynamic subgraph asynchronously: produce until the first event shows.
    for (let attempt = 0; attempt < 40; attempt++) {
      await api(
        "mutation { recordHealthAction(input: { type: WORKOUT, durationMinutes: 10 }) { id } }",
        {},
        walker.token,
      );
      if ((await editorText(page, ".graphiql-response")).includes("HEALTH_ACTION_RECORDED")) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(await editorText(page, ".graphiql-response")).toContain('"displayName": "Walker"');
    await page.screenshot({ path: "/tmp/explorer-subscription.png" });
    expect(foreign).toEqual([]);
    await context.close();
  });

  it("lets non-HTML GETs through to the GraphQL handler", async () => {
    const response = await fetch(`${router.url}/graphql?query=${encodeURIComponent("{ hello }")}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { hello: "world" } });
  });

  it("serves hashed assets with a long cache and the page with none", async () => {
    const page = await fetch(`${router.url}/graphql`, { headers: { accept: "text/html" } });
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const script = (await page.text()).match(/src="(\/explorer\/index-[\w]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${router.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("answers 503 with the build command when the explorer is not built", async () => {
    const unbuilt = await startRouter("/nonexistent/explorer-dist");
    try {
      const response = await fetch(`${unbuilt.url}/graphql`, { headers: { accept: "text/html" } });
      expect(response.status).toBe(503);
      expect(await response.text()).toContain("npm run explorer:build");
    } finally {
      await unbuilt.close();
    }
  });
});
