import { isUuid, namesPerson } from "@health/events/people";
import type { JsonValue } from "./canonical.ts";

/** The parts of an audit row that can name a person. */
export interface AuditPeople {
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  details: JsonValue;
}

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
