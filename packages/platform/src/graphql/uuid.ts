import { badInput } from "../errors/appError.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id in the platform is a uuid (users come from auth); anything else can match nothing. */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * An id argument, lowercased; anything but a uuid is BAD_USER_INPUT on `field`, saying what was expected
 * (`what`, default "an id": `userId must be a user id (uuid); got "x".`).
 */
export function uuidArg(value: string, field: string, what = "an id"): string {
  if (!isUuid(value)) throw badInput(field, `${field} must be ${what} (uuid); got "${value}".`);
  return value.toLowerCase();
}
