import { badInput } from "@health/platform/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id here is a uuid (users come from auth); anything else can match nothing. */
export const isUuid = (value: string): boolean => UUID.test(value);

export function idArg(value: string, field: string): string {
  if (!isUuid(value)) throw badInput(field, `${field} must be an id (uuid); got "${value}".`);
  return value.toLowerCase();
}

/** The millisecond a UUIDv7 was minted (its first 48 bits); null for any other uuid. */
export function uuidv7Time(id: string): Date | null {
  if (!isUuid(id) || id[14] !== "7") return null;
  return new Date(Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16));
}
