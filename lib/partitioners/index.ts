export { murmur2, toPositive, partitionForKey } from "./murmur2";
export {
  FixedPartitioner,
  PartitionerFailure,
  isBatchPartitioner,
  type BatchKafkaPartitioner,
  type KafkaPartitioner,
  type PartitionRequest,
} from "./partitioner";
export {
  KafkaDefaultPartitioning,
  DEFAULT_BATCH_SIZE,
  recordSizeInBytes,
  type DefaultPartitioningOptions,
  type ProducerRecordData,
  type RecordHeader,
} from "./default-partitioning";
export {
  createPartitioner,
  resolveSinkPartitioner,
  sinkPartitionerSpec,
  PartitionerValidationError,
  KAFKA_PARTITIONER_INTERFACE,
  SINK_PARTITIONER_OPTION,
  type AnyKafkaPartitioner,
  type CustomPartitionerResolver,
  type PartitionerClassLoader,
  type SinkPartitionerSpec,
} from "./registry";
export { SinkPartitioning } from "./sink-partitioning";
