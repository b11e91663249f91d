/**
 * The Flink cluster the environment names (FLINK_SQL_GATEWAY_URL and FLINK_REST_URL), apart from
 * the local cluster's start-up code so that the console's health route can read it without it.
 */
import { config } from "@/lib/config";

export interface FlinkEndpoints {
  gatewayUrl: string;
  restUrl: string;
  /** Directory for savepoints when the cluster is local (else the cluster's default). */
  savepointsDir?: string;
  local: boolean;
}

/** The cluster the environment names, if any; throws when only one of the two URLs is set. */
export function configuredFlink(): FlinkEndpoints | undefined {
  const gatewayUrl = config.flinkSqlGatewayUrl();
  const restUrl = config.flinkRestUrl();
  if (!gatewayUrl && !restUrl) return undefined;
  if (!gatewayUrl || !restUrl) {
    throw new Error(
      `${gatewayUrl ? "FLINK_REST_URL" : "FLINK_SQL_GATEWAY_URL"} is not set: an existing Flink cluster needs both its SQL Gateway (FLINK_SQL_GATEWAY_URL, e.g. http://host:8083) and its JobManager REST API (FLINK_REST_URL, e.g. http://host:8081).`,
    );
  }
  return { gatewayUrl, restUrl, local: false };
}
