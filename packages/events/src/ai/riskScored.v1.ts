import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const riskScoredV1 = defineEvent({
  name: "risk_scored",
  version: 1,
  producer: "ai",
  description:
    "ai's risk prediction scored an account from event features (0–100, higher is riskier), with the features that drove the score; ops's rules raise alerts on it.",
  payload: z.object({
    userId: z.uuid(),
    score: z.number().int().min(0).max(100),
    features: z.array(z.object({ name: z.string().min(1), value: z.number(), contribution: z.number() })),
    model: z.string().min(1),
    scoredAt: z.iso.datetime({ offset: true }),
  }),
});
