import { accountErasureAcknowledged } from "../privacyAnswers.ts";

/** ec erased what it held about an erased person: see ../privacyAnswers.ts. */
export const ecAccountErasureAcknowledgedV1 = accountErasureAcknowledged("ec");
