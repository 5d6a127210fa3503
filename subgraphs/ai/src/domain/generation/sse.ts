import { ProviderError } from "./provider.ts";

/** What one `data:` line of a chat-completions stream meant. */
export type SseEvent = { kind: "delta"; text: string } | { kind: "done" };

/**
 * Splits a server-sent-events byte stream into its `data:` payloads, line by line, whatever the chunk
 * boundaries (a line, even a multi-byte character, may arrive split over two chunks). Comment lines
 * (`:`), other fields (`event:`, `id:`) and blank lines are skipped.
 */
export class SseLineDecoder {
  readonly #decoder = new TextDecoder();
  #buffer = "";

  /** The complete `data:` payloads in `chunk` and whatever was buffered before it. */
  push(chunk: Uint8Array): string[] {
    this.#buffer += this.#decoder.decode(chunk, { stream: true });
    const lines = this.#buffer.split(/\r\n|\n|\r/);
    // The last piece has no line end yet (or is empty): keep it for the next chunk. A "\r" at the very
    // end may be the first half of "\r\n": keep it too.
    this.#buffer = lines.pop() ?? "";
    return lines.flatMap(dataOf);
  }

  /** What is left when the stream ends (a last line without a line end). */
  end(): string[] {
    const rest = this.#buffer + this.#decoder.decode();
    this.#buffer = "";
    return rest === "" ? [] : dataOf(rest);
  }
}

function dataOf(line: string): string[] {
  if (!line.startsWith("data:")) return [];
  const value = line.slice(5);
  return [value.startsWith(" ") ? value.slice(1) : value];
}

/** The meaning of one `data:` payload of an OpenAI-compatible chat-completions stream. */
export function parseChatCompletionData(data: string): SseEvent {
  if (data.trim() === "[DONE]") return { kind: "done" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new ProviderError("The provider sent a stream line that is not JSON.", false);
  }
  const body = parsed as {
    error?: { message?: unknown };
    choices?: Array<{ delta?: { content?: unknown } }>;
  };
  // Some servers report a failure mid-stream as a data line with an `error` object: worth a retry.
  if (body.error)
    throw new ProviderError("The provider reported an error in the middle of its stream.", true);
  const content = body.choices?.[0]?.delta?.content;
  return { kind: "delta", text: typeof content === "string" ? content : "" };
}
