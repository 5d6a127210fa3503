export type { PeriodicJob, PeriodicJobOptions } from "./periodicJob.ts";
export { startPeriodicJob } from "./periodicJob.ts";
