import { dataExportPartReady } from "../privacyAnswers.ts";

/** dynamic's part of a person's data export is in the export store: see ../privacyAnswers.ts. */
export const dynamicDataExportPartReadyV1 = dataExportPartReady("dynamic");
