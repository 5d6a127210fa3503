import { accountErasureAcknowledged } from "../privacyAnswers.ts";

/** dynamic erased what it held about an erased person: see ../privacyAnswers.ts. */
export const dynamicAccountErasureAcknowledgedV1 = accountErasureAcknowledged("dynamic");
