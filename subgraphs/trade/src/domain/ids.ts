import { isUuid } from "@health/platform/graphql";

/** The millisecond a UUIDv7 was minted (its first 48 bits); null for any other uuid. */
export function uuidv7Time(id: string): Date | null {
  if (!isUuid(id) || id[14] !== "7") return null;
  return new Date(Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16));
}
