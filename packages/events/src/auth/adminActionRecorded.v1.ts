import { adminActionRecorded } from "../adminActionRecorded.ts";

/** An admin acted in auth (roles, coach applications, API keys, signing keys): see ../adminActionRecorded.ts. */
export const authAdminActionRecordedV1 = adminActionRecorded("auth");
