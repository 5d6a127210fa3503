import { describe, expect, it } from "vitest";
import { isRetryableStatus, ProviderError } from "../src/domain/generation/provider.ts";
import { parseChatCompletionData, SseLineDecoder } from "../src/domain/generation/sse.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;

describe("SseLineDecoder", () => {
  it("returns each data line once it is complete, whatever the chunk boundaries", () => {
    const stream = `${chunk("Hel")}${chunk("lo")}data: [DONE]\n\n`;
    const whole = new SseLineDecoder().push(bytes(stream));
    for (const size of [1, 2, 3, 7, 13]) {
      const decoder = new SseLineDecoder();
      const lines: string[] = [];
      for (let at = 0; at < stream.length; at += size)
        lines.push(...decoder.push(bytes(stream.slice(at, at + size))));
      lines.push(...decoder.end());
      expect(lines).toEqual(whole);
    }
    expect(whole.map(parseChatCompletionData)).toEqual([
      { kind: "delta", text: "Hel" },
      { kind: "delta", text: "lo" },
      { kind: "done" },
    ]);
  });

  it("keeps a multi-byte character split across two chunks", () => {
    const encoded = bytes(chunk("健康"));
    const decoder = new SseLineDecoder();
    // Cut inside the first character's three bytes.
    const cut = encoded.indexOf(0xe5) + 1;
    const lines = [...decoder.push(encoded.slice(0, cut)), ...decoder.push(encoded.slice(cut))];
    expect(lines.map(parseChatCompletionData)).toEqual([{ kind: "delta", text: "健康" }]);
  });

  it("skips comments, other fields and blank lines, and accepts CRLF and a last line without its end", () => {
    const decoder = new SseLineDecoder();
    const lines = decoder.push(
      bytes(': keep-alive\r\nevent: message\r\nid: 7\r\n\r\ndata: {"choices":[]}\r\ndata:[DONE]'),
    );
    expect(lines).toEqual(['{"choices":[]}']);
    expect(decoder.end()).toEqual(["[DONE]"]);
  });
});

describe("parseChatCompletionData", () => {
  it("reads an empty delta (the role-only first chunk) as no text", () => {
    expect(parseChatCompletionData('{"choices":[{"delta":{"role":"assistant"}}]}')).toEqual({
      kind: "delta",
      text: "",
    });
  });

  it("refuses a line that is not JSON for good, and retries an error reported mid-stream", () => {
    expect(() => parseChatCompletionData("{nope")).toThrow(ProviderError);
    try {
      parseChatCompletionData("{nope");
    } catch (error) {
      expect((error as ProviderError).retryable).toBe(false);
    }
    try {
      parseChatCompletionData('{"error":{"message":"overloaded"}}');
    } catch (error) {
      expect((error as ProviderError).retryable).toBe(true);
    }
  });
});

describe("isRetryableStatus", () => {
  it("retries 408, 429 and 5xx, never another 4xx", () => {
    expect([408, 429, 500, 502, 503, 504].map(isRetryableStatus)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 403, 404, 413, 422].map(isRetryableStatus)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
