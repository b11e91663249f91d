/**
 * The `upsert-kafka` connector in the embedded engine: the Kafka source and sink of
 * lib/connectors/kafka (as Flink's UpsertKafkaDynamicTableFactory builds KafkaDynamicSource and
 * KafkaDynamicSink), reading from the earliest offset and writing deletes as tombstones.
 */
import { kafkaSinkSetup } from "@/lib/connectors/kafka/sink-runtime";
import { kafkaSourceSetup } from "@/lib/connectors/kafka/source-runtime";
import { connectorRuntime } from "../runtime";
import { upsertKafkaConnector } from "./upsert-kafka";

export const upsertKafkaRuntime = connectorRuntime(upsertKafkaConnector, {
  source: kafkaSourceSetup,
  sink: kafkaSinkSetup,
});
