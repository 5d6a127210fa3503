import {
  bountyPayoutRequestedV1,
  bountyReturnRequestedV1,
  communityMembershipCancelledV1,
  coursePurchaseCancelledV1,
  orderCancelledV1,
  serviceCompletedV1,
  shopOrderCancelledV1,
} from "@health/events/catalog";

/**
 * Events that settle money already taken (a capture and settlement, a bounty paid out or returned, a hold
 * voided or refunded on a cancellation). When one names a person finance erased it is neither dropped
 * (the money really moved, and the ledger keeps it 30 years; trade's and content's own erasures send
 * cancellations and bounty returns that can arrive after finance's) nor posted under the raw id: it runs
 * with their id replaced by the erasure's tombstone, as erasure left their accounts and payments (README
 * "Late events"). Every other event about an erased person makes nothing (a new payment, points, a hold).
 */
export const MONEY_THAT_MOVED = [
  serviceCompletedV1,
  bountyPayoutRequestedV1,
  bountyReturnRequestedV1,
  orderCancelledV1,
  shopOrderCancelledV1,
  coursePurchaseCancelledV1,
  communityMembershipCancelledV1,
];
