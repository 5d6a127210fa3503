export type { Cursor, Page, PageSizeLimits } from "./cursor.ts";
export { decodeCursor, encodeCursor, pageSize, toPage } from "./cursor.ts";
