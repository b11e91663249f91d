/**
 * DescribeLogDirs (API key 35), version 1 — the request Kafka's `kafka-log-dirs.sh` and
 * AdminClient.describeLogDirs send, and that kafkajs does not implement. A broker answers for the
 * replicas it hosts: per log directory, per partition, the size of the partition's log on disk.
 * Version 1 is version 0's layout (it only changed quota throttling); both are non-flexible, so
 * plain INT16-length strings and INT32-length arrays, with a v0 response header.
 *
 *   DescribeLogDirs Request (Version: 1) => [topics]              (null array: every topic)
 *     topics => topic [partitions]   topic => STRING, partitions => INT32
 *   DescribeLogDirs Response (Version: 1) => throttle_time_ms [results]
 *     results => error_code log_dir [topics]
 *       topics => name [partitions]
 *         partitions => partition_index partition_size offset_lag is_future_key
 *                       (INT32, INT64, INT64, BOOLEAN)
 */

export const DESCRIBE_LOG_DIRS_API_KEY = 35;
export const DESCRIBE_LOG_DIRS_VERSION = 1;

export interface LogDirsRequestTopic {
  topic: string;
  partitions: readonly number[];
}

export interface LogDirPartition {
  partition: number;
  /** Bytes of the partition's log segments in this directory. */
  size: number;
  /** How far a future replica (a move between directories) is behind; 0 otherwise. */
  offsetLag: number;
  /** A replica being moved into this directory, not yet the current one. */
  isFuture: boolean;
}

export interface LogDirResult {
  /** 0, or Kafka's error code for this directory (e.g. 57 KAFKA_STORAGE_ERROR). */
  errorCode: number;
  logDir: string;
  topics: Array<{ topic: string; partitions: LogDirPartition[] }>;
}

export interface DescribeLogDirsResponse {
  throttleTimeMs: number;
  results: LogDirResult[];
}

/** The request body; `null` asks for every topic the broker hosts. */
export function encodeDescribeLogDirsRequest(
  topics: readonly LogDirsRequestTopic[] | null,
): Buffer {
  if (topics === null) {
    const out = Buffer.alloc(4);
    out.writeInt32BE(-1, 0);
    return out;
  }
  let size = 4;
  const names = topics.map((t) => Buffer.from(t.topic, "utf8"));
  topics.forEach((t, i) => (size += 2 + names[i].length + 4 + 4 * t.partitions.length));
  const out = Buffer.alloc(size);
  let offset = out.writeInt32BE(topics.length, 0);
  topics.forEach((t, i) => {
    offset = out.writeInt16BE(names[i].length, offset);
    offset += names[i].copy(out, offset);
    offset = out.writeInt32BE(t.partitions.length, offset);
    for (const p of t.partitions) offset = out.writeInt32BE(p, offset);
  });
  return out;
}

class Reader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}
  private need(n: number) {
    if (this.offset + n > this.buf.length)
      throw new RangeError(
        `DescribeLogDirs response truncated: ${n} bytes needed at ${this.offset} of ${this.buf.length}`,
      );
  }
  int16() {
    this.need(2);
    const v = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }
  int32() {
    this.need(4);
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }
  int64() {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.offset);
    this.offset += 8;
    return Number(v);
  }
  boolean() {
    this.need(1);
    return this.buf[this.offset++] !== 0;
  }
  string() {
    const length = this.int16();
    if (length < 0) return "";
    this.need(length);
    const v = this.buf.toString("utf8", this.offset, this.offset + length);
    this.offset += length;
    return v;
  }
  array<T>(item: () => T): T[] {
    const length = this.int32();
    const out: T[] = [];
    for (let i = 0; i < length; i++) out.push(item());
    return out;
  }
}

/** The response body (after the correlation id kafkajs strips). */
export function decodeDescribeLogDirsResponse(buf: Buffer): DescribeLogDirsResponse {
  const r = new Reader(buf);
  const throttleTimeMs = r.int32();
  const results = r.array(() => ({
    errorCode: r.int16(),
    logDir: r.string(),
    topics: r.array(() => ({
      topic: r.string(),
      partitions: r.array(() => ({
        partition: r.int32(),
        size: r.int64(),
        offsetLag: r.int64(),
        isFuture: r.boolean(),
      })),
    })),
  }));
  return { throttleTimeMs, results };
}

/**
 * The request as kafkajs's connection sends it (`broker.connectionPool.send`): kafkajs frames it
 * (size, api key and version, correlation id, client id) and hands the body of the answer to
 * `decode`. kafkajs's writeEncoder takes any object with a `buf` and a `buffer`.
 */
export function describeLogDirsProtocolRequest(topics: readonly LogDirsRequestTopic[] | null) {
  return {
    request: {
      apiKey: DESCRIBE_LOG_DIRS_API_KEY,
      apiVersion: DESCRIBE_LOG_DIRS_VERSION,
      apiName: "DescribeLogDirs",
      encode: async () => {
        const body = encodeDescribeLogDirsRequest(topics);
        return { buf: body, buffer: body };
      },
    },
    response: {
      decode: async (raw: Buffer) => decodeDescribeLogDirsResponse(raw),
      parse: async (data: DescribeLogDirsResponse) => data,
    },
  };
}
