import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const questionAnsweredV1 = defineEvent({
  name: "question_answered",
  version: 1,
  producer: "content",
  description: "Someone answered a question in the Q&A.",
  payload: z.object({
    questionId: z.uuid(),
    answerId: z.uuid(),
    askerId: z.uuid(),
    answererId: z.uuid(),
    answeredAt: z.iso.datetime({ offset: true }),
  }),
});
