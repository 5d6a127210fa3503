import { accountErasureAcknowledged } from "../privacyAnswers.ts";

/** user erased what it held about an erased person: see ../privacyAnswers.ts. */
export const userAccountErasureAcknowledgedV1 = accountErasureAcknowledged("user");
