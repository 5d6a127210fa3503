import type { SqlExecutor } from "@health/platform/events";
import { definePaidPurchaseSaga, type SagaDefinition } from "@health/platform/saga";
import type { BizTx } from "../../db.ts";
import {
  publishCommunityMembershipCancelled,
  publishCommunityPaymentRequested,
} from "../../events/bizEvents.ts";
import { MembershipStatus } from "../../generated/prisma/enums.ts";

// Joining a paid group (M08), a purchase paid at once through finance (@health/platform/saga's
// definePaidPurchaseSaga, as content's course purchase): joinCommunity writes the membership PENDING and
// starts it; payment_success makes it ACTIVE; a decline, or no answer within the timeout, makes it FAILED
// with the reason (freeing the user to join again) and writes community_membership_cancelled, on which
// finance voids or refunds whatever it took.

export const COMMUNITY_MEMBERSHIP_SAGA = "community_membership";

/** The saga's data; its id is the membership's. */
export interface CommunityMembershipData {
  membershipId: string;
  communityId: string;
  memberId: string;
  amount: number;
  currency: string;
}

const asBizTx = (tx: SqlExecutor): BizTx => tx as unknown as BizTx;

export const communityMembershipSaga = (options: {
  paymentTimeoutMs: number;
}): SagaDefinition<CommunityMembershipData> =>
  definePaidPurchaseSaga<CommunityMembershipData>({
    name: COMMUNITY_MEMBERSHIP_SAGA,
    paymentTimeoutMs: options.paymentTimeoutMs,
    requestPayment: (tx, data, now) => publishCommunityPaymentRequested(asBizTx(tx), data, now),
    markFailed: async (tx, data, reason) => {
      const { count } = await asBizTx(tx).communityMembership.updateMany({
        where: { id: data.membershipId, status: MembershipStatus.PENDING },
        data: { status: MembershipStatus.FAILED, openKey: null, failure: reason },
      });
      return count > 0;
    },
    cancelPayment: (tx, data, reason, now) =>
      publishCommunityMembershipCancelled(asBizTx(tx), data, reason, now),
    grant: async (tx, data) => {
      const { count } = await asBizTx(tx).communityMembership.updateMany({
        where: { id: data.membershipId, status: MembershipStatus.PENDING },
        data: { status: MembershipStatus.ACTIVE },
      });
      return count > 0;
    },
  });
