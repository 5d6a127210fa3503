import { AppError, badInput, conflict, ErrorCode } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
export const MAX_COMMENT_LENGTH = 1_000;

/** What a customer sends: the order, a score and a comment (may be empty). */
export interface RateCoachCommand {
  orderId: string;
  score: number;
  comment?: string | null;
}

export interface ValidRating {
  orderId: string;
  score: number;
  comment: string;
}

/** Checks a rating from a client (BAD_USER_INPUT naming the field); the comment trimmed. */
export function parseRating(input: RateCoachCommand): ValidRating {
  const orderId = uuidArg(input.orderId, "orderId");
  if (!Number.isInteger(input.score) || input.score < MIN_SCORE || input.score > MAX_SCORE) {
    throw badInput("score", `score must be a whole number from ${MIN_SCORE} to ${MAX_SCORE}.`);
  }
  const comment = (input.comment ?? "").trim();
  if (comment.length > MAX_COMMENT_LENGTH) {
    throw badInput(
      "comment",
      `comment must be at most ${MAX_COMMENT_LENGTH} characters (it has ${comment.length}); shorten it.`,
    );
  }
  return { orderId, score: input.score, comment };
}

/** The order as ops knows it, for the one deciding whether `customerId` may rate it. */
export interface KnownOrder {
  customerId: string;
  coachId: string;
  completedAt: Date | null;
}

/**
 * Whether `customerId` may rate the order: it must be theirs (someone else's order, or one ops never
 * heard of, is the same NOT_FOUND, so nothing about it is revealed) and completed (CONFLICT: confirm the
 * completion first, or wait a moment for it to reach ops). The once-per-order rule is the table's.
 */
export function decideRating(
  orderId: string,
  order: KnownOrder | null,
  customerId: string,
): { coachId: string } {
  if (!order || order.customerId !== customerId) {
    throw new AppError(
      ErrorCode.NOT_FOUND,
      `Order ${orderId} is not an order of yours that ops knows of (if you just confirmed its completion, try again in a few seconds).`,
    );
  }
  if (!order.completedAt) {
    throw conflict(
      `Order ${orderId} is not completed yet: rate its coach once you confirmed the completion (if you just did, try again in a few seconds).`,
      { reason: "ORDER_NOT_COMPLETED" },
    );
  }
  return { coachId: order.coachId };
}
