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
 * Events that settle money already taken (a capture and settlement, a bounty paid out or returned, a
 * refund). When one names a person finance erased it is neither dropped (the money really moved: the
 * ledger keeps it 30 years) nor posted under the raw id: it goes to the dead letters, where an operator
 * settles it against the erasure's tombstone (README "Privacy": late events). Every other event about an
 * erased person makes nothing (a new payment, points, a hold).
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
