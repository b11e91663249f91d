/**
 * Kafka connectivity diagnostics: why a client can or cannot reach a cluster, in plain words.
 * diagnoseKafka is Node-only; the rest (types, explanation, error recognition) is browser-safe.
 */
export { diagnoseKafka, DEFAULT_TIMEOUT_MS, type DiagnoseOptions } from "./diagnose";
export { explainDiagnosis, describeFailure, firstFailure } from "./explain";
export { isNodeAssignmentTimeout, diagnosisHint, NODE_ASSIGNMENT_TIMEOUT } from "./node-assignment";
export { classifyFailure } from "./classify";
export {
  parseBootstrapAddresses,
  parseAddress,
  formatAddress,
  InvalidBootstrapServersError,
} from "./addresses";
export type * from "./report";
export { diagnosisLink, DIAGNOSTICS_PATH } from "./link";
