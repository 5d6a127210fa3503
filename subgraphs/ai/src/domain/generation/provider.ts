import type { GenerationInput } from "./rules.ts";

/** One chat message as the OpenAI-compatible chat-completions API takes it. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface CompletionRequest {
  messages: readonly ChatMessage[];
  /** The task's validated input, for a provider that does not read prose (the local one). */
  input: GenerationInput;
  /** Aborts the upstream call (a cancelled task). */
  signal: AbortSignal;
}

/**
 * What writes a generation task's text: the OpenAI-compatible adapter (`openAiProvider.ts`) when
 * AI_PROVIDER_URL is set, else the local template provider (`localProvider.ts`). `complete` yields the
 * text in pieces as they come; it throws a `ProviderError` saying whether trying again may help.
 */
export interface GenerationProvider {
  /** Recorded on each result: `openai-compatible` or `local-template`. */
  readonly name: string;
  /** Recorded on each result: the model asked for. */
  readonly model: string;
  complete(request: CompletionRequest): AsyncIterable<string>;
}

/**
 * A provider call that failed. `message` is safe to show the task's owner (no key, no URL, no body
 * beyond a short excerpt); `retryable` says whether another attempt may succeed (network, 429, 5xx,
 * timeouts) or not (any other 4xx, a malformed stream).
 */
export class ProviderError extends Error {
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = "ProviderError";
    this.retryable = retryable;
  }
}

/** Whether an HTTP status from the provider is worth another attempt. */
export const isRetryableStatus = (status: number): boolean =>
  status === 408 || status === 429 || status >= 500;
