import { setImmediate as nextTurn } from "node:timers/promises";
import { assertNever } from "@health/platform/errors";
import { abortError } from "./openAiProvider.ts";
import type { CompletionRequest, GenerationProvider } from "./provider.ts";
import type { GenerationInput } from "./rules.ts";

/** What the local provider may fill its templates with: the platform's own data that ai holds. */
export interface LocalTemplateData {
  /** Titles of courses and articles published on the platform (content's content_published), newest first. */
  publishedTitles(kind: "COURSE" | "ARTICLE", limit: number): Promise<string[]>;
}

export const LOCAL_PROVIDER = "local-template";
export const LOCAL_MODEL = "template-v1";

const NOTICE =
  "[Assembled by the platform's local template provider (local-template/template-v1), not written by a language model: a fixed template filled with your input and titles published on the platform. Configure AI_PROVIDER_URL for model-written drafts.]";

/**
 * The provider used when no AI_PROVIDER_URL is configured. It is not a model and says so in the first
 * line of every text: it fills fixed templates with the task's input and with what ai learnt from
 * content's content_published events (course and article titles). It streams its text in pieces, like
 * a model, so the task's path (worker, updates, subscription) is the same with either provider.
 */
export class LocalTemplateProvider implements GenerationProvider {
  readonly name = LOCAL_PROVIDER;
  readonly model = LOCAL_MODEL;
  readonly #data: LocalTemplateData;
  readonly #chunkSize: number;

  constructor(data: LocalTemplateData, options: { chunkSize?: number } = {}) {
    this.#data = data;
    this.#chunkSize = options.chunkSize ?? 40;
  }

  async *complete({ input, signal }: CompletionRequest): AsyncIterable<string> {
    const text = await this.render(input);
    for (let at = 0; at < text.length; at += this.#chunkSize) {
      if (signal.aborted) throw abortError();
      yield text.slice(at, at + this.#chunkSize);
      await nextTurn();
    }
  }

  /** The whole text for `input` (exported for tests). */
  async render(input: GenerationInput): Promise<string> {
    switch (input.kind) {
      case "COURSE_OUTLINE":
        return courseOutline(input, await this.#data.publishedTitles("COURSE", 3));
      case "POST_DRAFT":
        return postDraft(input, await this.#data.publishedTitles("ARTICLE", 3));
      case "CONSULT_REPLY":
        return consultReply(input);
      default:
        return assertNever(input);
    }
  }
}

const STAGES = [
  "Why it matters",
  "The basics",
  "A first routine",
  "Common mistakes",
  "Keeping it up",
  "Review",
];

function courseOutline(
  input: Extract<GenerationInput, { kind: "COURSE_OUTLINE" }>,
  related: string[],
): string {
  const lines = [NOTICE, "", `Course outline: ${input.topic}`];
  if (input.audience) lines.push(`For: ${input.audience}`);
  for (let n = 1; n <= input.lessonCount; n++) {
    const stage = STAGES[Math.min(n - 1, STAGES.length - 1)] ?? "Practice";
    lines.push(
      "",
      `Lesson ${n}: ${input.topic}: ${stage}`,
      "- What the lesson covers",
      "- One exercise to try",
    );
  }
  if (related.length > 0) lines.push("", `Courses already on the platform to link to: ${related.join("; ")}`);
  return lines.join("\n");
}

function postDraft(input: Extract<GenerationInput, { kind: "POST_DRAFT" }>, related: string[]): string {
  const lines = [
    NOTICE,
    "",
    `Title: ${input.topic}`,
    "",
    `Opening: say in one sentence why ${input.topic} matters to your readers${input.tone ? ` (tone: ${input.tone})` : ""}.`,
    "Middle: one thing you have seen work, and how to start it this week.",
    "Close: a question inviting readers to share their experience.",
  ];
  if (related.length > 0) lines.push("", `Related reading on the platform: ${related.join("; ")}`);
  return lines.join("\n");
}

function consultReply(input: Extract<GenerationInput, { kind: "CONSULT_REPLY" }>): string {
  const last = [...input.messages].reverse().find((message) => message.from === "CUSTOMER");
  const quoted = last ? last.text.slice(0, 200) : "your last message";
  return [
    NOTICE,
    "",
    `Thank you for telling me: "${quoted}".`,
    "To advise you well, could you tell me how long this has been going on, and what you have tried so far?",
    "If anything feels medically urgent, please see a doctor first; I will adjust your plan around their advice.",
  ].join("\n");
}
