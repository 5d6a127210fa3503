import { dataExportPartReady } from "../privacyAnswers.ts";

/** ops's part of a person's data export is in the export store: see ../privacyAnswers.ts. */
export const opsDataExportPartReadyV1 = dataExportPartReady("ops");
