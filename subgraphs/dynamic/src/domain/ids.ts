import { badInput } from "@health/platform/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id here is a uuid (users come from auth); anything else can match nothing. */
export const isUuid = (value: string): boolean => UUID.test(value);

export function userIdArg(value: string, field = "userId"): string {
  if (!isUuid(value)) throw badInput(field, `${field} must be a user id (uuid); got "${value}".`);
  return value.toLowerCase();
}
