import { badInput } from "../errors/appError.ts";

/** A position in a list ordered by a time, newest first: that time and the id of the last item seen. */
export interface Cursor {
  at: Date;
  id: string;
}

/** Opaque to clients: base64url of `<iso time>|<id>`. */
export const encodeCursor = ({ at, id }: Cursor): string =>
  Buffer.from(`${at.toISOString()}|${id}`, "utf8").toString("base64url");

/** Reads a cursor this API returned; anything else is BAD_USER_INPUT on `field`. */
export function decodeCursor(cursor: string, field: string): Cursor {
  const [iso, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  if (!id || rest.length > 0 || Number.isNaN(at.getTime())) {
    throw badInput(field, `${field} is not a cursor this API returned; pass pageInfo.endCursor unchanged.`);
  }
  return { at, id };
}

export interface PageSizeLimits {
  /** Used when the client sends none. */
  defaultSize: number;
  maxSize: number;
}

/** The page size a client asked for, within limits; out of range is BAD_USER_INPUT on `field`. */
export function pageSize(first: number | null | undefined, limits: PageSizeLimits, field = "first"): number {
  const size = first ?? limits.defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > limits.maxSize) {
    throw badInput(field, `${field} must be between 1 and ${limits.maxSize}.`);
  }
  return size;
}

export interface Page<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** `rows` fetched with `take: size + 1`: the page, and whether another follows. */
export function toPage<T>(rows: readonly T[], size: number, cursorOf: (row: T) => Cursor): Page<T> {
  const nodes = rows.slice(0, size);
  const last = nodes.at(-1);
  return { nodes, hasNextPage: rows.length > size, endCursor: last ? encodeCursor(cursorOf(last)) : null };
}
