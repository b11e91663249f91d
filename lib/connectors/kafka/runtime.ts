/**
 * The `kafka` connector in the embedded engine: Flink's KafkaSource and KafkaSink
 * (source-runtime.ts, sink-runtime.ts), which upsert-kafka builds as well.
 */
import { connectorRuntime } from "../runtime";
import { kafkaConnector } from "./kafka";
import { kafkaSinkSetup } from "./sink-runtime";
import { kafkaSourceSetup } from "./source-runtime";

export const kafkaRuntime = connectorRuntime(kafkaConnector, {
  source: kafkaSourceSetup,
  sink: kafkaSinkSetup,
});
