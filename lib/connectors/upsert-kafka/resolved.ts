/** What an `upsert-kafka` table resolves to: a Kafka table keyed by its primary key. Browser-safe. */
import type { ResolvedKafkaCommon, ResolvedStartup } from "@/lib/connectors/kafka/resolved";
import type { ResolvedTable } from "../resolved";

export interface ResolvedUpsertKafkaTable extends ResolvedKafkaCommon {
  connector: "upsert-kafka";
  /** upsert-kafka always reads from the earliest offset. */
  startup: ResolvedStartup;
  /** The PRIMARY KEY columns (they are the key fields). */
  primaryKey: string[];
  /** Both > 0 to buffer; both 0 (the default) writes every change at once. */
  bufferFlush: { maxRows: number; intervalMs: number; enabled: boolean };
}

/** A `connector` option's value naming upsert-kafka (keyed by the table's primary key). */
export function isUpsertKafkaConnectorId(connector: string | undefined): boolean {
  return connector === "upsert-kafka";
}

/** A table of `upsert-kafka`: keyed by its primary key, deletes written as tombstones. */
export function isUpsertKafkaTable(t: ResolvedTable | undefined): t is ResolvedUpsertKafkaTable {
  return isUpsertKafkaConnectorId(t?.connector);
}
