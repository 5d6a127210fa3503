/**
 * Which payload keys name a person: the catalog's classification of its `<name>Id` keys. ops's audit log
 * writes a person's id as a pseudonym by it, and the platform's late-event rule (a handler makes nothing
 * about an erased person) reads it, so a new contract's key is decided once, here.
 * subgraphs/ops/test/auditPseudonymRules.test.ts fails while a catalog key is in neither set.
 */

/**
 * Payload keys that name a user by a role (`<role>Id`); the aggregate they name is a User, and the audit
 * log writes their values as pseudonyms (ops's `pseudonyms.ts`, `aggregateTypeOf`).
 */
export const USER_ROLES: ReadonlySet<string> = new Set([
  "user",
  "account",
  "customer",
  "payer",
  "buyer",
  "coach",
  "healthWorker",
  "viewer",
  "follower",
  "followee",
  "author",
  "sender",
  "recipient",
  "owner",
  "member",
  "asker",
  "answerer",
  "host",
  "reader",
  "liker",
  "rater",
  "applicant",
  // biz's workbench account (a coach's): biz_activity's businessId.
  "business",
]);

/**
 * Every `<name>Id` key of the catalog's payloads that names something other than a person. With
 * USER_ROLES it classifies every id key the catalog has (test/auditPseudonymRules.test.ts), so a new
 * contract's key is decided here before it can reach the audit log under a person's real id.
 */
export const NOT_PEOPLE: ReadonlySet<string> = new Set([
  "accessId",
  "actionId",
  "alertId",
  "answerId",
  "campaignId",
  "clickId",
  "communityId",
  "contentId",
  "courseId",
  "deviceBindingId",
  "erasureId",
  "exportId",
  "giftId",
  "giftOrderId",
  "goalId",
  "groupId",
  "holdId",
  "liveRoomId",
  "membershipId",
  "orderId",
  "paymentId",
  "postId",
  "productId",
  "purchaseId",
  "questionId",
  "ratingId",
  "requestId",
  "roomId",
  "shopOrderId",
  "skuId",
  "streamId",
  // An admin action's subject: its subjectType says whether it is a User (then the row's subject is one).
  "subjectId",
  // A fresh random id per erasure, standing for no one anyone can name.
  "tombstoneId",
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A value a user id (or a pseudonym) could be: a UUID in any case. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** A key naming a person: `<role>Id` with a role of USER_ROLES (`coachId`, `userId`). */
export const namesPerson = (key: string): boolean => key.endsWith("Id") && USER_ROLES.has(key.slice(0, -2));
