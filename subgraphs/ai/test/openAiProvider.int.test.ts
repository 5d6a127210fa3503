import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAiCompatibleProvider } from "../src/domain/generation/openAiProvider.ts";
import { ProviderError } from "../src/domain/generation/provider.ts";
import { validateGenerationInput } from "../src/domain/generation/rules.ts";
import { type FakeChatServer, startFakeChatServer } from "./support/fakeChatServer.ts";

// The adapter against a real HTTP server speaking the chat-completions streaming API (real sockets).

let chat: FakeChatServer;
beforeAll(async () => {
  chat = await startFakeChatServer();
});
afterAll(() => chat?.close());

const input = validateGenerationInput({ kind: "POST_DRAFT", topic: "Tea" });
const provider = (options: { idleTimeoutMs?: number; url?: string } = {}) =>
  new OpenAiCompatibleProvider({
    url: options.url ?? chat.url,
    model: "m",
    idleTimeoutMs: options.idleTimeoutMs,
  });

async function run(p: OpenAiCompatibleProvider, signal = new AbortController().signal) {
  const pieces: string[] = [];
  try {
    for await (const piece of p.complete({ messages: [{ role: "user", content: "hi" }], input, signal }))
      pieces.push(piece);
    return { pieces, error: null };
  } catch (error) {
    return { pieces, error: error as Error };
  }
}

describe("OpenAiCompatibleProvider", () => {
  it("yields each delta's content in order and stops at [DONE]", async () => {
    chat.script.push({ kind: "stream", pieces: ["Green ", "tea ", "today."] });
    expect(await run(provider())).toEqual({ pieces: ["Green ", "tea ", "today."], error: null });
  });

  it("gives up on a silent stream after the idle timeout, as a retryable failure", async () => {
    chat.script.push({ kind: "hang", pieces: ["Half"] });
    const before = chat.seen.length;
    const { pieces, error } = await run(provider({ idleTimeoutMs: 200 }));
    expect(pieces).toEqual(["Half"]);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true, message: "The provider sent nothing for 200 ms." });
    await chat.seen[before]?.aborted;
  });

  it("classifies statuses: 404 is final, 429 is worth a retry", async () => {
    chat.script.push({ kind: "status", status: 404 }, { kind: "status", status: 429 });
    expect((await run(provider())).error).toMatchObject({
      retryable: false,
      message: "The provider answered HTTP 404.",
    });
    expect((await run(provider())).error).toMatchObject({
      retryable: true,
      message: "The provider answered HTTP 429.",
    });
  });

  it("treats an unreachable provider as retryable, without its address in the message", async () => {
    const closed = await startFakeChatServer();
    const url = closed.url;
    await closed.close();
    const { error } = await run(provider({ url }));
    expect(error).toMatchObject({ retryable: true });
    expect(error?.message).not.toContain("127.0.0.1");
  });

  it("aborts the upstream request when the caller's signal fires", async () => {
    chat.script.push({ kind: "hang", pieces: ["Start"] });
    const before = chat.seen.length;
    const controller = new AbortController();
    const pieces: string[] = [];
    let failure: Error | null = null;
    try {
      for await (const piece of provider().complete({ messages: [], input, signal: controller.signal })) {
        pieces.push(piece);
        controller.abort();
      }
    } catch (error) {
      failure = error as Error;
    }
    expect(pieces).toEqual(["Start"]);
    expect(failure?.name).toBe("AbortError");
    await chat.seen[before]?.aborted;
  });
});
