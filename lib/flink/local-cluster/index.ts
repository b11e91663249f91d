/**
 * The local single-node Apache Flink cluster (JobManager, TaskManager, SQL Gateway) that the Flink
 * engine uses when FLINK_SQL_GATEWAY_URL and FLINK_REST_URL are not set. Node-only: it spawns
 * Maven and three JVMs.
 */
export { startLocalFlinkCluster, type LocalFlinkCluster, type LocalFlinkOptions } from "./cluster";
export { ensureFlinkJars, pinnedFlinkVersion } from "./jars";
export { acquireTestFlink } from "./test-cluster";
