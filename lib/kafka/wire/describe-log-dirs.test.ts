import { describe, expect, it } from "vitest";
import {
  decodeDescribeLogDirsResponse,
  describeLogDirsProtocolRequest,
  encodeDescribeLogDirsRequest,
} from "./describe-log-dirs";

const i16 = (v: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(v);
  return b;
};
const i32 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(v);
  return b;
};
const i64 = (v: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(v);
  return b;
};
const str = (s: string) => Buffer.concat([i16(Buffer.byteLength(s)), Buffer.from(s)]);

describe("DescribeLogDirs v1", () => {
  it("encodes the topics and partitions asked for as Kafka's schema lays them out", () => {
    expect(
      encodeDescribeLogDirsRequest([
        { topic: "orders", partitions: [0, 2] },
        { topic: "é", partitions: [] },
      ]),
    ).toEqual(
      Buffer.concat([
        i32(2),
        str("orders"),
        i32(2),
        i32(0),
        i32(2),
        // a topic name is counted in UTF-8 bytes, not characters
        Buffer.from([0, 2, 0xc3, 0xa9]),
        i32(0),
      ]),
    );
  });

  it("encodes a null array (-1) to ask for every topic", () => {
    expect(encodeDescribeLogDirsRequest(null)).toEqual(i32(-1));
  });

  it("decodes log dirs, topics and 64-bit partition sizes", () => {
    const body = Buffer.concat([
      i32(5), // throttle_time_ms
      i32(2), // results
      i16(0),
      str("/var/kafka/a"),
      i32(1),
      str("orders"),
      i32(2),
      i32(0),
      i64(1234n),
      i64(0n),
      Buffer.from([0]),
      i32(1),
      i64(6_000_000_000n), // beyond 32 bits
      i64(7n),
      Buffer.from([1]),
      i16(57), // KAFKA_STORAGE_ERROR
      str("/var/kafka/b"),
      i32(0),
    ]);
    expect(decodeDescribeLogDirsResponse(body)).toEqual({
      throttleTimeMs: 5,
      results: [
        {
          errorCode: 0,
          logDir: "/var/kafka/a",
          topics: [
            {
              topic: "orders",
              partitions: [
                { partition: 0, size: 1234, offsetLag: 0, isFuture: false },
                { partition: 1, size: 6_000_000_000, offsetLag: 7, isFuture: true },
              ],
            },
          ],
        },
        { errorCode: 57, logDir: "/var/kafka/b", topics: [] },
      ],
    });
  });

  it("refuses a truncated response with where it ended", () => {
    const body = Buffer.concat([i32(0), i32(1), i16(0), str("/d"), i32(1), str("t"), i32(1)]);
    expect(() => decodeDescribeLogDirsResponse(body)).toThrow(/truncated: 4 bytes needed at/);
  });

  it("is framed by kafkajs as API key 35, version 1", async () => {
    const { request } = describeLogDirsProtocolRequest([{ topic: "t", partitions: [0] }]);
    expect([request.apiKey, request.apiVersion]).toEqual([35, 1]);
    const encoded = await request.encode();
    expect(encoded.buffer).toEqual(encodeDescribeLogDirsRequest([{ topic: "t", partitions: [0] }]));
  });
});
