/** The data plane: runJob runs a validated plan's INSERTs against Kafka (contract: job-runtime.ts). */
export { runJob, DEFAULT_CHECKPOINT_INTERVAL_MS } from "./run-job";
export type * from "./job-runtime";
