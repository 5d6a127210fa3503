import { riskScoredV1 } from "./ai/riskScored.v1.ts";
import { accountCreatedV1 } from "./auth/accountCreated.v1.ts";
import { accountErasureStartedV1 } from "./auth/accountErasureStarted.v1.ts";
import { authAdminActionRecordedV1 } from "./auth/adminActionRecorded.v1.ts";
import { dataExportRequestedV1 } from "./auth/dataExportRequested.v1.ts";
import { loginFailedV1 } from "./auth/loginFailed.v1.ts";
import { bizAdminActionRecordedV1 } from "./biz/adminActionRecorded.v1.ts";
import { bizActivityV1 } from "./biz/bizActivity.v1.ts";
import { chatMessageSentV1 } from "./biz/chatMessageSent.v1.ts";
import { communityCreatedV1 } from "./biz/communityCreated.v1.ts";
import { communityMembershipCancelledV1 } from "./biz/communityMembershipCancelled.v1.ts";
import { communityPaymentRequestedV1 } from "./biz/communityPaymentRequested.v1.ts";
import { liveEndedV1 } from "./biz/liveEnded.v1.ts";
import { liveStartedV1 } from "./biz/liveStarted.v1.ts";
import { contentAdminActionRecordedV1 } from "./content/adminActionRecorded.v1.ts";
import { bountyHoldRequestedV1 } from "./content/bountyHoldRequested.v1.ts";
import { bountyPayoutRequestedV1 } from "./content/bountyPayoutRequested.v1.ts";
import { bountyReturnRequestedV1 } from "./content/bountyReturnRequested.v1.ts";
import { contentPublishedV1 } from "./content/contentPublished.v1.ts";
import { coursePaymentRequestedV1 } from "./content/coursePaymentRequested.v1.ts";
import { coursePurchaseCancelledV1 } from "./content/coursePurchaseCancelled.v1.ts";
import { coursePurchasedV1 } from "./content/coursePurchased.v1.ts";
import { postLikedV1 } from "./content/postLiked.v1.ts";
import { questionAnsweredV1 } from "./content/questionAnswered.v1.ts";
import type { EventDefinition } from "./defineEvent.ts";
import { userFollowedV1 } from "./dynamic/userFollowed.v1.ts";
import { userUnfollowedV1 } from "./dynamic/userUnfollowed.v1.ts";
import { adClickedV1 } from "./ec/adClicked.v1.ts";
import { ecAdminActionRecordedV1 } from "./ec/adminActionRecorded.v1.ts";
import { inventoryUpdatedV1 } from "./ec/inventoryUpdated.v1.ts";
import { productPurchasedV1 } from "./ec/productPurchased.v1.ts";
import { shopOrderCancelledV1 } from "./ec/shopOrderCancelled.v1.ts";
import { shopOrderPaymentRequestedV1 } from "./ec/shopOrderPaymentRequested.v1.ts";
import { financeAdminActionRecordedV1 } from "./finance/adminActionRecorded.v1.ts";
import { bountyHeldV1 } from "./finance/bountyHeld.v1.ts";
import { bountyHoldRefusedV1 } from "./finance/bountyHoldRefused.v1.ts";
import { giftSentV1 } from "./finance/giftSent.v1.ts";
import { paymentAuthorizedV1 } from "./finance/paymentAuthorized.v1.ts";
import { paymentFailedV1 } from "./finance/paymentFailed.v1.ts";
import { paymentSuccessV1 } from "./finance/paymentSuccess.v1.ts";
import { pointsAwardedV1 } from "./finance/pointsAwarded.v1.ts";
import { settlementRecordedV1 } from "./finance/settlementRecorded.v1.ts";
import { accountHeldV1 } from "./ops/accountHeld.v1.ts";
import { accountReleasedV1 } from "./ops/accountReleased.v1.ts";
import { coachLevelChangedV1 } from "./ops/coachLevelChanged.v1.ts";
import { coachRatedV1 } from "./ops/coachRated.v1.ts";
import {
  accountErasureAcknowledged,
  DATA_HOLDERS,
  type DataHolder,
  dataExportPartReady,
} from "./privacyAnswers.ts";
import { tradeAdminActionRecordedV1 } from "./trade/adminActionRecorded.v1.ts";
import { coachProfileUpdatedV1 } from "./trade/coachProfileUpdated.v1.ts";
import { grabAttemptedV1 } from "./trade/grabAttempted.v1.ts";
import { orderAssignedV1 } from "./trade/orderAssigned.v1.ts";
import { orderCancelledV1 } from "./trade/orderCancelled.v1.ts";
import { orderCreatedV1 } from "./trade/orderCreated.v1.ts";
import { orderPaymentRequestedV1 } from "./trade/orderPaymentRequested.v1.ts";
import { serviceCompletedV1 } from "./trade/serviceCompleted.v1.ts";
import { deviceDataSyncedV1 } from "./user/deviceDataSynced.v1.ts";
import { goalAchievedV1 } from "./user/goalAchieved.v1.ts";
import { healthActionRecordedV1 } from "./user/healthActionRecorded.v1.ts";
import { healthDataAccessedV1 } from "./user/healthDataAccessed.v1.ts";

export {
  accountCreatedV1,
  accountErasureStartedV1,
  accountHeldV1,
  accountReleasedV1,
  adClickedV1,
  authAdminActionRecordedV1,
  bizActivityV1,
  bizAdminActionRecordedV1,
  bountyHeldV1,
  bountyHoldRefusedV1,
  bountyHoldRequestedV1,
  bountyPayoutRequestedV1,
  bountyReturnRequestedV1,
  chatMessageSentV1,
  coachLevelChangedV1,
  coachProfileUpdatedV1,
  coachRatedV1,
  communityCreatedV1,
  communityMembershipCancelledV1,
  communityPaymentRequestedV1,
  contentAdminActionRecordedV1,
  contentPublishedV1,
  coursePaymentRequestedV1,
  coursePurchaseCancelledV1,
  coursePurchasedV1,
  dataExportRequestedV1,
  deviceDataSyncedV1,
  ecAdminActionRecordedV1,
  financeAdminActionRecordedV1,
  giftSentV1,
  goalAchievedV1,
  grabAttemptedV1,
  healthActionRecordedV1,
  healthDataAccessedV1,
  inventoryUpdatedV1,
  liveEndedV1,
  liveStartedV1,
  loginFailedV1,
  orderAssignedV1,
  orderCancelledV1,
  orderCreatedV1,
  orderPaymentRequestedV1,
  paymentAuthorizedV1,
  paymentFailedV1,
  paymentSuccessV1,
  pointsAwardedV1,
  postLikedV1,
  productPurchasedV1,
  questionAnsweredV1,
  riskScoredV1,
  serviceCompletedV1,
  settlementRecordedV1,
  shopOrderCancelledV1,
  shopOrderPaymentRequestedV1,
  tradeAdminActionRecordedV1,
  userFollowedV1,
  userUnfollowedV1,
};

/**
 * Each data-holding subgraph's answers to auth's export and erasure requests (data-subject rights): one
 * pair of contracts per subgraph in DATA_HOLDERS, all with the payloads of ./privacyAnswers.ts.
 */
export const privacyAnswersOf = Object.fromEntries(
  DATA_HOLDERS.map((holder) => [
    holder,
    { partReady: dataExportPartReady(holder), acknowledged: accountErasureAcknowledged(holder) },
  ]),
) as Readonly<
  Record<
    DataHolder,
    {
      partReady: ReturnType<typeof dataExportPartReady>;
      acknowledged: ReturnType<typeof accountErasureAcknowledged>;
    }
  >
>;

/** Every event that may be published. An event not listed here cannot be published. */
export const catalog: readonly EventDefinition[] = [
  healthActionRecordedV1,
  goalAchievedV1,
  deviceDataSyncedV1,
  orderCreatedV1,
  orderAssignedV1,
  serviceCompletedV1,
  orderPaymentRequestedV1,
  orderCancelledV1,
  contentPublishedV1,
  questionAnsweredV1,
  postLikedV1,
  coursePaymentRequestedV1,
  coursePurchaseCancelledV1,
  coursePurchasedV1,
  bountyHoldRequestedV1,
  bountyPayoutRequestedV1,
  bountyReturnRequestedV1,
  liveStartedV1,
  liveEndedV1,
  communityCreatedV1,
  communityPaymentRequestedV1,
  communityMembershipCancelledV1,
  bizActivityV1,
  productPurchasedV1,
  adClickedV1,
  inventoryUpdatedV1,
  shopOrderPaymentRequestedV1,
  shopOrderCancelledV1,
  paymentSuccessV1,
  paymentAuthorizedV1,
  paymentFailedV1,
  settlementRecordedV1,
  pointsAwardedV1,
  giftSentV1,
  userFollowedV1,
  userUnfollowedV1,
  bountyHeldV1,
  bountyHoldRefusedV1,
  grabAttemptedV1,
  coachRatedV1,
  coachLevelChangedV1,
  accountHeldV1,
  accountReleasedV1,
  riskScoredV1,
  healthDataAccessedV1,
  coachProfileUpdatedV1,
  financeAdminActionRecordedV1,
  contentAdminActionRecordedV1,
  bizAdminActionRecordedV1,
  tradeAdminActionRecordedV1,
  ecAdminActionRecordedV1,
  accountCreatedV1,
  loginFailedV1,
  chatMessageSentV1,
  authAdminActionRecordedV1,
  dataExportRequestedV1,
  accountErasureStartedV1,
  ...Object.values(privacyAnswersOf).flatMap((answers) => [answers.partReady, answers.acknowledged]),
];

const bySubject = new Map(catalog.map((event) => [event.subject, event]));

/** The catalog entry for a subject, or undefined for anything not in the catalog. */
export const eventBySubject = (subject: string): EventDefinition | undefined => bySubject.get(subject);

export const isCataloged = (event: EventDefinition): boolean => bySubject.get(event.subject) === event;
