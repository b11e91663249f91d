/**
 * The local single-node Apache Kafka broker (KRaft) that `npm start` and the integration tests use
 * when KAFKA_BOOTSTRAP_SERVERS is not set. Node-only: it spawns Maven and a JVM. Tests share one
 * through `lib/kafka/testing/acquire-test-broker.ts` (acquireTestBroker), which production code never imports.
 */
export { startLocalBroker, type LocalBroker, type LocalBrokerOptions } from "./broker";
export { ensureKafkaJars, pinnedKafkaVersion, type KafkaJars } from "./jars";
export { findFreePort } from "@/lib/net/ports";
export type { SaslUser } from "./server-properties";
