import { badInput } from "@health/platform/errors";
import { isUuid } from "@health/platform/graphql";

export type GenerationKind = "COURSE_OUTLINE" | "POST_DRAFT" | "CONSULT_REPLY";
export type GenerationStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

export const FINAL_STATUSES: readonly GenerationStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED"];
export const isFinal = (status: GenerationStatus): boolean => FINAL_STATUSES.includes(status);

/** One message of the consultation, as the coach pastes it. */
export interface ConsultMessage {
  from: "CUSTOMER" | "COACH";
  text: string;
}

/** A task's input after validation, stored as the row's `input`. */
export type GenerationInput =
  | { kind: "COURSE_OUTLINE"; topic: string; audience: string | null; lessonCount: number }
  | { kind: "POST_DRAFT"; topic: string; tone: string | null }
  | { kind: "CONSULT_REPLY"; orderId: string; messages: ConsultMessage[] };

/** What a caller may send (the GraphQL input, every field optional but the kind). */
export interface RawGenerationInput {
  kind: GenerationKind;
  topic?: string | null;
  audience?: string | null;
  lessonCount?: number | null;
  tone?: string | null;
  orderId?: string | null;
  messages?: readonly { from: string; text: string }[] | null;
}

export const LIMITS = {
  topic: 200,
  audience: 200,
  tone: 50,
  lessonCount: { min: 1, max: 20, default: 6 },
  messages: { max: 20, text: 2_000 },
  idempotencyKey: 100,
};

function text(
  value: string | null | undefined,
  field: string,
  max: number,
  required: boolean,
): string | null {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") {
    if (required) throw badInput(field, `${field} is required for this kind: 1–${max} characters.`);
    return null;
  }
  if (trimmed.length > max) throw badInput(field, `${field} must be at most ${max} characters.`);
  return trimmed;
}

/** Checks the input of a kind, naming the field at fault (BAD_USER_INPUT); nothing else is kept. */
export function validateGenerationInput(raw: RawGenerationInput): GenerationInput {
  switch (raw.kind) {
    case "COURSE_OUTLINE": {
      const { min, max } = LIMITS.lessonCount;
      const lessonCount = raw.lessonCount ?? LIMITS.lessonCount.default;
      if (!Number.isInteger(lessonCount) || lessonCount < min || lessonCount > max) {
        throw badInput("lessonCount", `lessonCount must be a whole number from ${min} to ${max}.`);
      }
      return {
        kind: raw.kind,
        topic: text(raw.topic, "topic", LIMITS.topic, true) as string,
        audience: text(raw.audience, "audience", LIMITS.audience, false),
        lessonCount,
      };
    }
    case "POST_DRAFT":
      return {
        kind: raw.kind,
        topic: text(raw.topic, "topic", LIMITS.topic, true) as string,
        tone: text(raw.tone, "tone", LIMITS.tone, false),
      };
    case "CONSULT_REPLY": {
      if (!raw.orderId || !isUuid(raw.orderId)) {
        throw badInput(
          "orderId",
          "orderId is required for CONSULT_REPLY: the id of the consultation's order.",
        );
      }
      const messages = raw.messages ?? [];
      if (messages.length === 0 || messages.length > LIMITS.messages.max) {
        throw badInput(
          "messages",
          `messages must hold 1 to ${LIMITS.messages.max} messages of the consultation.`,
        );
      }
      return {
        kind: raw.kind,
        orderId: raw.orderId,
        messages: messages.map((message, index) => {
          if (message.from !== "CUSTOMER" && message.from !== "COACH") {
            throw badInput("messages", `messages[${index}].from must be CUSTOMER or COACH.`);
          }
          return {
            from: message.from,
            text: text(message.text, `messages[${index}].text`, LIMITS.messages.text, true) as string,
          };
        }),
      };
    }
  }
}

/** How long a retryable failure waits before the next attempt: 1 s, 2 s, 4 s... capped at 30 s. */
export const retryDelayMs = (attempt: number, baseMs = 1_000): number =>
  Math.min(30_000, baseMs * 2 ** Math.max(0, attempt - 1));
