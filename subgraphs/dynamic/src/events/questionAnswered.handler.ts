import { questionAnsweredV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** question_answered → QUESTION_ANSWERED about the answerer; the asker is the target. */
export const questionAnsweredActivity: ActivityMapper<typeof questionAnsweredV1> = (event) => ({
  type: "QUESTION_ANSWERED",
  sourceEventId: event.id,
  actorId: event.payload.answererId,
  targetUserId: event.payload.askerId,
  objectType: "ANSWER",
  objectId: event.payload.answerId,
  summary: "answered a question",
  occurredAt: new Date(event.payload.answeredAt),
});

export const questionAnsweredHandler = activityHandler(questionAnsweredV1, questionAnsweredActivity);
