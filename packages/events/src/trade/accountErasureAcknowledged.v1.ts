import { accountErasureAcknowledged } from "../privacyAnswers.ts";

/** trade erased what it held about an erased person: see ../privacyAnswers.ts. */
export const tradeAccountErasureAcknowledgedV1 = accountErasureAcknowledged("trade");
