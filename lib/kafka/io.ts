/** The Kafka I/O a running job uses; nothing outside lib/kafka imports kafkajs. */
export {
  createClusterClient,
  KafkaClientConfigError,
  type ClusterClient,
  type ClientLogger,
} from "./clients";
export { ClusterAdmin, MissingTopicsError } from "./cluster-admin";
export {
  RecordReader,
  tpKey,
  type SourceRecordBatch,
  type RecordReaderOptions,
} from "./record-reader";
export { RecordWriter, type OutgoingRecord, type RecordWriterOptions } from "./record-writer";
export { explainKafkaError, causeChain, type ExplainedKafkaError } from "./kafka-errors";
export { splitOwner, javaStringHashCode } from "./split-owner";
