import { describe, expect, it } from "vitest";
import type { DecodableRecord } from "../sources/kafka-record-decoder";
import type { ProducedRecord } from "../sinks/kafka-record";
import { EncodedRecordsWriter, packRecords, readEncodedRecords, unpackRecords } from "./packed";

const bytes = (s: string) => Buffer.from(s, "utf8");
const plain = (v: unknown): unknown =>
  v instanceof Uint8Array
    ? { bytes: Buffer.from(v).toString("hex") }
    : Array.isArray(v)
      ? v.map(plain)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
        : v;

describe("fetched records, packed for a CPU thread", () => {
  it("come back as they went: offsets, timestamps, null and empty keys and values, headers of every shape", () => {
    const records: DecodableRecord[] = [
      { offset: "0", timestamp: "1700000000123", key: bytes("k"), value: bytes("a,b") },
      { offset: "9007199254740000", timestamp: "-1", key: null, value: null },
      { offset: "7", timestamp: "0", key: Buffer.alloc(0), value: Buffer.alloc(0), headers: {} },
      {
        offset: "8",
        timestamp: "5",
        key: null,
        value: bytes("héllo"),
        headers: {
          once: bytes("1"),
          twice: [bytes("a"), bytes("b")],
          text: "é",
          none: null,
          mixed: [null, "s", bytes("x")],
          gone: undefined,
        },
      },
    ];
    const buffer = packRecords(records);
    expect(buffer).toBeInstanceOf(ArrayBuffer);
    const back = unpackRecords(buffer);
    expect(plain(back)).toEqual(plain(records));
    // Views into the one transferred buffer, not copies.
    expect(back[0].value!.buffer).toBe(buffer);
  });

  it("packs an empty batch", () => {
    expect(unpackRecords(packRecords([]))).toEqual([]);
  });
});

describe("producer records, encoded by a CPU thread", () => {
  it("come back in order with their partition, topic, timestamp and headers", () => {
    const topics = ["out-a", "out-b"];
    const records: Array<[ProducedRecord, number]> = [
      [{ topic: "out-a", key: bytes("k1"), value: bytes("v1") }, 2],
      [{ topic: "out-b", key: null, value: null, timestamp: 1700000000123 }, 0],
      [
        {
          topic: "out-a",
          key: Buffer.alloc(0),
          value: bytes("v3"),
          headers: [
            { key: "h", value: bytes("1") },
            { key: "h", value: bytes("2") },
            { key: "ü", value: Buffer.alloc(0) },
          ],
        },
        1,
      ],
      [{ topic: "out-a", key: null, value: bytes("v4"), headers: [] }, 5],
    ];
    // A small first buffer: the writer grows it as records arrive.
    const writer = new EncodedRecordsWriter(topics, 16);
    for (const [record, partition] of records) writer.add(record, partition);
    const encoded = writer.finish();
    expect(encoded.count).toBe(4);
    const back: Array<[ProducedRecord, number]> = [];
    readEncodedRecords(encoded, topics, (record, partition) => back.push([record, partition]));
    expect(plain(back)).toEqual(plain(records));
  });

  it("refuses a topic that is not the sink's", () => {
    const writer = new EncodedRecordsWriter(["out"]);
    expect(() => writer.add({ topic: "other", key: null, value: null }, 0)).toThrow(
      "The sink record's topic 'other' is not one of the sink's topics.",
    );
  });
});
