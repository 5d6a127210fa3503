import { assertNever } from "@health/platform/errors";
import type { ChatMessage } from "./provider.ts";
import type { GenerationInput, GenerationKind } from "./rules.ts";

/**
 * The prompt templates, versioned: a change to a template's words is a new version, so each result
 * records which words made it (`GenerationTask.promptVersion`).
 */
export const PROMPT_VERSIONS: Record<GenerationKind, string> = {
  COURSE_OUTLINE: "course-outline@1",
  POST_DRAFT: "post-draft@1",
  CONSULT_REPLY: "consult-reply@1",
};

const SYSTEM =
  "You assist coaches on a health-management platform. Write plainly, do not diagnose, and advise seeing a doctor for anything medical.";

/** The chat messages a task's input makes under its kind's current prompt version. */
export function buildPrompt(input: GenerationInput): { promptVersion: string; messages: ChatMessage[] } {
  const promptVersion = PROMPT_VERSIONS[input.kind];
  switch (input.kind) {
    case "COURSE_OUTLINE":
      return {
        promptVersion,
        messages: [
          { role: "system", content: SYSTEM },
          {
            role: "user",
            content:
              `Write the outline of a course on "${input.topic}"` +
              (input.audience ? ` for ${input.audience}` : "") +
              ` in ${input.lessonCount} lessons: for each lesson a title and two or three bullet points of what it teaches.`,
          },
        ],
      };
    case "POST_DRAFT":
      return {
        promptVersion,
        messages: [
          { role: "system", content: SYSTEM },
          {
            role: "user",
            content:
              `Draft a community post on "${input.topic}"` +
              (input.tone ? ` in a ${input.tone} tone` : "") +
              ": a title line, then three short paragraphs, under 250 words.",
          },
        ],
      };
    case "CONSULT_REPLY":
      return {
        promptVersion,
        messages: [
          {
            role: "system",
            content: `${SYSTEM} Suggest the coach's next reply in this consultation; the coach reviews it before sending.`,
          },
          ...input.messages.map(
            (message): ChatMessage => ({
              role: message.from === "COACH" ? "assistant" : "user",
              content: message.text,
            }),
          ),
        ],
      };
    default:
      return assertNever(input);
  }
}
