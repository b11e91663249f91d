/** The formats Tributary knows, by Flink's format identifier (`'format' = 'csv'`, …). */
import type { FormatFactory } from "./format";
import { csvFormat } from "./csv/csv-format";
import { jsonFormat } from "./json/json-format";
import { rawFormat } from "./raw/raw-format";
import { avroFormat } from "./avro/avro-format";

const FACTORIES: readonly FormatFactory[] = [csvFormat, jsonFormat, rawFormat, avroFormat];

const BY_IDENTIFIER = new Map(FACTORIES.map((f) => [f.identifier, f]));

export function getFormatFactory(identifier: string): FormatFactory | undefined {
  return BY_IDENTIFIER.get(identifier);
}

export function formatIdentifiers(): string[] {
  return FACTORIES.map((f) => f.identifier);
}
