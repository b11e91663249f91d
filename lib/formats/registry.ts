/** The formats Tributary knows, by Flink's format identifier (`'format' = 'csv'`, …). */
import type { FormatFactory } from "./format";
import { csvFormat } from "./csv/csv-format";
import { jsonFormat } from "./json/json-format";
import { rawFormat } from "./raw/raw-format";
import { avroFormat } from "./avro/avro-format";
import { avroConfluentFormat } from "./avro-confluent/avro-confluent-format";
import { debeziumJsonFormat } from "./debezium-json/debezium-json-format";
import { canalJsonFormat } from "./canal-json/canal-json-format";
import { maxwellJsonFormat } from "./maxwell-json/maxwell-json-format";

const FACTORIES: readonly FormatFactory[] = [
  csvFormat,
  jsonFormat,
  rawFormat,
  avroFormat,
  avroConfluentFormat,
  debeziumJsonFormat,
  canalJsonFormat,
  maxwellJsonFormat,
];

const BY_IDENTIFIER = new Map(FACTORIES.map((f) => [f.identifier, f]));

export function getFormatFactory(identifier: string): FormatFactory | undefined {
  return BY_IDENTIFIER.get(identifier);
}

export function formatIdentifiers(): string[] {
  return FACTORIES.map((f) => f.identifier);
}
