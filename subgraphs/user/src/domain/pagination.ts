import { badInput } from "@health/platform/errors";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** A position in a list ordered newest first: the timestamp and id of the last item seen. */
export interface Cursor {
  at: Date;
  id: string;
}

export const encodeCursor = ({ at, id }: Cursor): string =>
  Buffer.from(`${at.toISOString()}|${id}`, "utf8").toString("base64url");

export function decodeCursor(cursor: string, field: string): Cursor {
  const [iso, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  if (!id || rest.length > 0 || Number.isNaN(at.getTime())) {
    throw badInput(field, `${field} is not a cursor this API returned; pass pageInfo.endCursor unchanged.`);
  }
  return { at, id };
}

export function pageSize(first: number | null | undefined, field = "first"): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(field, `${field} must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return size;
}
