import { accountErasureAcknowledged } from "../privacyAnswers.ts";

/** auth erased what it held about an erased person: see ../privacyAnswers.ts. */
export const authAccountErasureAcknowledgedV1 = accountErasureAcknowledged("auth");
