/**
 * Test fixture: a JAR partitioner that routes by ARRAY, MAP, MULTISET and nested ROW columns and
 * insists on Flink's internal classes for each (GenericArrayData, a MapData — a MULTISET as
 * element → Integer count — GenericRowData, BinaryStringData, DecimalData, TimestampData), so the
 * same class answers the same on the embedded engine and inside Flink. A map may be a
 * GenericMapData (the JVM host, as Flink's formats build it) or a BinaryMapData (inside Flink,
 * whose chained operators copy each row with RowDataSerializer when object reuse is off, and
 * MapDataSerializer copies a map into its binary form): the class reads maps through MapData. With the JSON records and
 * the rule it implements (`expectedNestedPartition`), tests check both engines against it.
 */

/** The columns of the source and sink tables (JSON format). */
export const NESTED_COLUMNS = `id BIGINT, tags ARRAY<STRING>, attrs MAP<STRING, INT>, bag MULTISET<STRING>,
  info ROW<price DECIMAL(6, 2), ts TIMESTAMP(3), inner_row ROW<code STRING>>`;

export const NESTED_PARTITIONER_CLASS = "com.acme.Nested";

export const NESTED_PARTITIONER_SOURCE = {
  "com/acme/Nested.java": `package com.acme;
import org.apache.flink.connector.kafka.sink.KafkaPartitioner;
import org.apache.flink.table.data.*;
import org.apache.flink.table.data.binary.BinaryMapData;
import org.apache.flink.table.data.binary.BinaryStringData;
public class Nested implements KafkaPartitioner<RowData> {
  private static void require(boolean ok, String what, Object v) {
    if (!ok) throw new IllegalStateException(what + " is " + (v == null ? "null" : v.getClass().getName()));
  }
  /** A MapData's INT value for a STRING key, through the interface (both map classes). */
  private static int intAt(MapData map, String key) {
    ArrayData keys = map.keyArray();
    ArrayData values = map.valueArray();
    for (int i = 0; i < map.size(); i++) {
      require(keys.getString(i) instanceof BinaryStringData, "a map key", keys.getString(i));
      if (keys.getString(i).toString().equals(key)) return values.getInt(i);
    }
    throw new IllegalStateException("no key " + key);
  }
  @Override public int partition(RowData row, byte[] key, byte[] value, String topic, int[] partitions) {
    require(row instanceof GenericRowData, "row", row);
    ArrayData tags = row.getArray(1);
    require(tags instanceof GenericArrayData, "tags", tags);
    StringData last = tags.getString(tags.size() - 1);
    require(last instanceof BinaryStringData, "tags[last]", last);
    MapData attrs = row.getMap(2);
    require(attrs instanceof GenericMapData || attrs instanceof BinaryMapData, "attrs", attrs);
    int k = intAt(attrs, "k");
    MapData bag = row.getMap(3);
    require(bag instanceof GenericMapData || bag instanceof BinaryMapData, "bag", bag);
    int x = intAt(bag, "x");
    RowData info = row.getRow(4, 3);
    require(info instanceof GenericRowData, "info", info);
    DecimalData price = info.getDecimal(0, 6, 2);
    require(price != null, "info.price", price);
    TimestampData at = info.getTimestamp(1, 3);
    require(at != null, "info.ts", at);
    RowData inner = info.getRow(2, 1);
    require(inner instanceof GenericRowData, "info.inner_row", inner);
    String code = inner.getString(0).toString();
    long h = tags.size() + last.toString().length() + k + x
        + price.toUnscaledLong() + at.getMillisecond() % 1000 + code.length();
    return partitions[(int) Math.floorMod(h, (long) partitions.length)];
  }
}`,
};

export interface NestedRecord {
  id: number;
  tags: string[];
  attrs: Record<string, number>;
  bag: Record<string, number>;
  info: { price: string; ts: string; inner_row: { code: string } };
}

export function nestedRecords(count: number): NestedRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i,
    tags: Array.from({ length: 1 + (i % 3) }, (_, j) => "t".repeat(j + 1) + "é".repeat(i % 2)),
    attrs: { k: i * 7, other: 1 },
    bag: { x: 1 + (i % 4), y: 2 },
    info: {
      price: (((i * 37) % 1000) / 100 + 1).toFixed(2),
      ts: `2024-01-02 03:04:05.${String((i * 111) % 1000).padStart(3, "0")}`,
      inner_row: { code: "c".repeat(1 + (i % 5)) },
    },
  }));
}

/** The partition com.acme.Nested chooses for a record among `partitions` partitions. */
export function expectedNestedPartition(r: NestedRecord, partitions: number): number {
  const last = r.tags[r.tags.length - 1];
  const unscaled = Math.round(Number(r.info.price) * 100);
  const millis = Number(r.info.ts.slice(-3));
  const h =
    r.tags.length +
    last.length +
    r.attrs.k +
    r.bag.x +
    unscaled +
    millis +
    r.info.inner_row.code.length;
  return ((h % partitions) + partitions) % partitions;
}

/** A record as JSON text, the price as a JSON number (as Flink's JSON format writes DECIMAL). */
export function nestedJson(r: NestedRecord): string {
  return JSON.stringify(r).replace(`"price":"${r.info.price}"`, `"price":${r.info.price}`);
}
