export { ACCOUNT_HELD, accountHeld, accountHoldHandlers, assertNotHeld } from "./holds.ts";
export { ACCOUNT_HOLDS_TABLE_SQL, isHeld, recordHold, recordRelease } from "./holdsTable.ts";
