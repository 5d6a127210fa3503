import { adminActionRecorded } from "../adminActionRecorded.ts";

/** An admin acted in trade: see ../adminActionRecorded.ts. */
export const tradeAdminActionRecordedV1 = adminActionRecorded("trade");
