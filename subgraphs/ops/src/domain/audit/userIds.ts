import type { JsonValue } from "./canonical.ts";

/**
 * Payload keys that name a user by a role (`<role>Id`); the aggregate they name is a User, and the audit
 * log writes their values as pseudonyms (`pseudonyms.ts`). Read by `aggregateTypeOf` too.
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

/** The parts of an audit row that can name a person. */
export interface AuditPeople {
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  details: JsonValue;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A value a user id (or a pseudonym) could be: a UUID in any case. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** A key naming a person: `<role>Id` with a role of USER_ROLES (`coachId`, `userId`). */
export const namesPerson = (key: string): boolean => key.endsWith("Id") && USER_ROLES.has(key.slice(0, -2));

const personValue = (value: JsonValue, replace: (id: string) => string): JsonValue => {
  if (typeof value === "string") return isUuid(value) ? replace(value.toLowerCase()) : value;
  if (Array.isArray(value)) return value.map((item) => personValue(item, replace));
  return value;
};

const inDetails = (value: JsonValue, replace: (id: string) => string): JsonValue => {
  if (Array.isArray(value)) return value.map((item) => inDetails(item, replace));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [
      key,
      namesPerson(key) ? personValue(member, replace) : inDetails(member, replace),
    ]),
  );
};

/**
 * The row with every user id it names passed through `replace` (lowercased first): the actor, the subject
 * when it is a User, and in `details`, at any depth, every UUID under a `<role>Id` key (or in an array
 * there). Pure: the append replaces user ids with pseudonyms, a read replaces pseudonyms with user ids.
 */
export function withPeopleReplaced<T extends AuditPeople>(row: T, replace: (id: string) => string): T {
  const one = (value: string) => (isUuid(value) ? replace(value.toLowerCase()) : value);
  return {
    ...row,
    actorId: row.actorId === null ? null : one(row.actorId),
    subjectId: row.subjectType === "User" ? one(row.subjectId) : row.subjectId,
    details: inDetails(row.details, replace),
  };
}

/** Every user id (or pseudonym) the row names, lowercased, each once. */
export function peopleOf(row: AuditPeople): string[] {
  const found = new Set<string>();
  withPeopleReplaced(row, (id) => {
    found.add(id);
    return id;
  });
  return [...found];
}
