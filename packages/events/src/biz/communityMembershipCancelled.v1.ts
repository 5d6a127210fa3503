import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const communityMembershipCancelledV1 = defineEvent({
  name: "community_membership_cancelled",
  version: 1,
  producer: "biz",
  description:
    "A paid community membership ended unpaid (its payment was not answered in time): finance voids or refunds whatever it took for it, however late its provider answers.",
  payload: z.object({
    membershipId: z.uuid(),
    communityId: z.uuid(),
    memberId: z.uuid(),
    reason: z.string().min(1),
    cancelledAt: z.iso.datetime({ offset: true }),
  }),
});
