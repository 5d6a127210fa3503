import {
  type ChatMessage,
  type CompletionRequest,
  type GenerationProvider,
  isRetryableStatus,
  ProviderError,
} from "./provider.ts";
import { parseChatCompletionData, SseLineDecoder } from "./sse.ts";

export interface OpenAiProviderOptions {
  /** The API's base URL, e.g. `https://api.openai.com/v1`; requests go to `${url}/chat/completions`. */
  url: string;
  /** Sent as `Authorization: Bearer <key>` when set; never logged, never in an error. */
  apiKey?: string;
  model: string;
  /** How long the provider may take to answer with its headers (default 10 s). */
  connectTimeoutMs?: number;
  /** How long the stream may stay silent between two chunks (default 30 s). */
  idleTimeoutMs?: number;
}

/**
 * The adapter to any server that speaks OpenAI's chat-completions API with `stream: true` (OpenAI,
 * Azure OpenAI's compatible endpoint, vLLM, llama.cpp's server, Ollama's /v1, LiteLLM...). It POSTs
 * `{ model, messages, stream: true }` and reads the server-sent events: `data: {json}` lines whose
 * `choices[0].delta.content` is the next piece of text, ended by `data: [DONE]`.
 *
 * Failures are classified (`ProviderError.retryable`): unreachable, timed out, 408, 429, 5xx or a
 * stream cut before [DONE] may succeed later; any other 4xx or a malformed stream will not.
 */
export class OpenAiCompatibleProvider implements GenerationProvider {
  readonly name = "openai-compatible";
  readonly model: string;
  readonly #options: Required<Omit<OpenAiProviderOptions, "apiKey">> & { apiKey?: string };

  constructor(options: OpenAiProviderOptions) {
    this.model = options.model;
    this.#options = {
      connectTimeoutMs: 10_000,
      idleTimeoutMs: 30_000,
      ...options,
      url: options.url.replace(/\/+$/, ""),
    };
  }

  async *complete({ messages, signal }: CompletionRequest): AsyncIterable<string> {
    const { url, apiKey, connectTimeoutMs, idleTimeoutMs } = this.#options;
    const upstream = new AbortController();
    const cancel = () => upstream.abort();
    signal.addEventListener("abort", cancel, { once: true });
    let timedOut: string | null = null;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number, what: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = what;
        upstream.abort();
      }, ms);
    };
    const failure = (error: unknown, doing: string): Error => {
      if (signal.aborted) return abortError();
      if (error instanceof ProviderError) return error;
      if (timedOut) return new ProviderError(`The provider ${timedOut}.`, true);
      return new ProviderError(`The provider could not be reached while ${doing}.`, true);
    };
    try {
      arm(connectTimeoutMs, `did not answer within ${connectTimeoutMs} ms`);
      let response: Response;
      try {
        response = await fetch(`${url}/chat/completions`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "text/event-stream",
            ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
          },
          body: JSON.stringify({
            model: this.model,
            messages: messages satisfies readonly ChatMessage[],
            stream: true,
          }),
          signal: upstream.signal,
        });
      } catch (error) {
        throw failure(error, "sending the request");
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel().catch(() => undefined);
        throw new ProviderError(
          `The provider answered HTTP ${response.status}.`,
          isRetryableStatus(response.status),
        );
      }
      const reader = response.body.getReader();
      const decoder = new SseLineDecoder();
      for (;;) {
        arm(idleTimeoutMs, `sent nothing for ${idleTimeoutMs} ms`);
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          throw failure(error, "streaming");
        }
        const lines = chunk.done ? decoder.end() : decoder.push(chunk.value);
        for (const data of lines) {
          const event = parseChatCompletionData(data);
          if (event.kind === "done") return;
          if (event.text !== "") yield event.text;
        }
        if (chunk.done) throw new ProviderError("The provider's stream ended before [DONE].", true);
      }
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", cancel);
      // Returning early (a cancelled consumer) or failing: close the upstream socket too.
      upstream.abort();
    }
  }
}

/** What a cancelled call throws: not a provider failure, never retried. */
export function abortError(): Error {
  const error = new Error("The generation was cancelled.");
  error.name = "AbortError";
  return error;
}
