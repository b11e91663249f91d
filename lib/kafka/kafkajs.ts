/**
 * kafkajs as Tributary loads it: once per process, with four of its files replaced before it loads
 * them (kafkajs 2.2.4 is unmaintained; nothing upstream will fix them):
 *
 * - consumer/filterAbortedMessages.js → wire/aborted-transactions.ts. kafkajs lets records of
 *   aborted transactions through read_committed when transactions of two producers overlap.
 * - protocol/requests/produce/v3/request.js (v4–v7 reuse it) → wire/produce-request.ts. The same
 *   bytes, encoded in a fraction of the time (the producer's main cost in kafkajs).
 * - producer/groupMessagesPerPartition.js → wire/group-by-partition.ts: the same grouping in linear
 *   instead of quadratic time, so that a request can carry thousands of records a partition.
 * - protocol/recordBatch/v0/decoder.js → wire/record-batch-decoder.ts: the same fetched records,
 *   decoded in one pass without a decoder object and BigInt arithmetic per record.
 *
 * Every value import of kafkajs goes through this module (ESLint enforces it); `import type` from
 * "kafkajs" is fine. Should kafkajs have been loaded before (a direct import), a fresh copy is
 * loaded so that the replacements apply to the clients Tributary creates.
 */
import Module, { createRequire } from "node:module";
import path from "node:path";
import type * as KafkaJs from "kafkajs";
import {
  withoutAbortedTransactions,
  type AbortedTransaction,
  type FetchedMessage,
} from "./wire/aborted-transactions";
import { FetchedBatch } from "./wire/fetched-batch";
import { groupMessagesPerPartition } from "./wire/group-by-partition";
import { produceV3Request, type KafkaJsModules } from "./wire/produce-request";
import { recordBatchDecoder } from "./wire/record-batch-decoder";

/**
 * Node's require, from this file's directory (the CLI may run from anywhere) or else the working
 * directory (Next.js's bundler rewrites `createRequire(import.meta.url)` into its own module ids;
 * kafkajs is loaded by Node there too, as a serverExternalPackage).
 */
function nodeRequire(): NodeJS.Require {
  const bases = [import.meta.dirname, process.cwd()].filter(
    (b): b is string => typeof b === "string",
  );
  for (const base of bases) {
    const candidate = createRequire(path.join(base, "index.js"));
    try {
      candidate.resolve("kafkajs/package.json");
      return candidate;
    } catch {
      // not resolvable from there
    }
  }
  throw new Error(`kafkajs is not installed (looked from ${bases.join(", ")}); run npm install.`);
}

const require = nodeRequire();
const REPLACEMENT = Symbol.for("tributary.kafkajs.replacement");

function loadKafkaJs(): typeof KafkaJs {
  const root = path.dirname(require.resolve("kafkajs/package.json"));
  const file = (relative: string) => path.join(root, ...relative.split("/"));
  const filterFile = file("src/consumer/filterAbortedMessages.js");

  const cached = require.cache[filterFile];
  if (cached && !(cached.exports as { [REPLACEMENT]?: boolean })[REPLACEMENT]) {
    for (const key of Object.keys(require.cache))
      if (key.startsWith(root + path.sep)) delete require.cache[key];
  }
  if (!require.cache[filterFile]) {
    const filter = ({
      messages,
      abortedTransactions,
    }: {
      messages: FetchedMessage[];
      abortedTransactions?: AbortedTransaction[];
    }) => withoutAbortedTransactions(messages, abortedTransactions);
    replaceModule(filterFile, Object.assign(filter, { [REPLACEMENT]: true }));
    const modules: KafkaJsModules = {
      Encoder: require(file("src/protocol/encoder.js")),
      lookupCodec: require(file("src/protocol/message/compression/index.js")).lookupCodec,
      produceApiKey: require(file("src/protocol/requests/apiKeys.js")).Produce,
    };
    replaceModule(file("src/protocol/requests/produce/v3/request.js"), produceV3Request(modules));
    replaceModule(file("src/producer/groupMessagesPerPartition.js"), groupMessagesPerPartition);
    replaceModule(
      file("src/protocol/recordBatch/v0/decoder.js"),
      recordBatchDecoder({
        Decoder: require(file("src/protocol/decoder.js")),
        decodeRecord: require(file("src/protocol/recordBatch/record/v0/decoder.js")),
        lookupCodecByAttributes: require(file("src/protocol/message/compression/index.js"))
          .lookupCodecByAttributes,
        PartialMessageError: require(file("src/errors.js")).KafkaJSPartialMessageError,
      }),
    );
  }
  return require("kafkajs");
}

function replaceModule(filename: string, exports: unknown): void {
  const entry = new Module(filename);
  entry.filename = filename;
  entry.loaded = true;
  entry.exports = exports;
  require.cache[filename] = entry;
}

const kafkajs = loadKafkaJs();

export const Kafka: typeof KafkaJs.Kafka = kafkajs.Kafka;
export type Kafka = KafkaJs.Kafka;
export const logLevel: typeof KafkaJs.logLevel = kafkajs.logLevel;
export type logLevel = KafkaJs.logLevel;
export const CompressionTypes: typeof KafkaJs.CompressionTypes = kafkajs.CompressionTypes;
export type CompressionTypes = KafkaJs.CompressionTypes;
export const CompressionCodecs: typeof KafkaJs.CompressionCodecs = kafkajs.CompressionCodecs;
export const AssignerProtocol: typeof KafkaJs.AssignerProtocol = kafkajs.AssignerProtocol;

/** What Tributary uses of kafkajs's cluster (src/cluster): brokers, metadata and connections. */
export interface KafkaJsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  refreshMetadata(): Promise<void>;
  refreshMetadataIfNecessary(): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(args: { nodeId: string }): Promise<KafkaJsBroker>;
  findGroupCoordinator(args: { groupId: string }): Promise<KafkaJsBroker>;
  removeBroker(args: { host: string; port: number }): void;
  fetchTopicsOffset(
    topics: Array<{
      topic: string;
      partitions: Array<{ partition: number }>;
      fromBeginning: boolean;
    }>,
  ): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>;
}

/** A fetched partition as kafkajs's fetch response decodes it. */
export interface KafkaJsFetchedPartition {
  partition: number;
  highWatermark: string;
  abortedTransactions?: unknown[];
  messages: unknown[];
}

export interface KafkaJsBroker {
  fetch(request: {
    replicaId: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: Array<{
      topic: string;
      partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }>;
    }>;
    rackId?: string;
  }): Promise<{ responses: Array<{ topicName: string; partitions: KafkaJsFetchedPartition[] }> }>;
  offsetCommit(request: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    retentionTime: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>;
  }): Promise<unknown>;
}

/** kafkajs's consumer Batch (src/consumer/batch.js): a fetched partition's records, filtered as read. */
export interface KafkaJsBatch {
  readonly highWatermark: string;
  /** Every record returned, control records and aborted ones included. */
  readonly rawMessages: Array<
    import("kafkajs").KafkaMessage & {
      batchContext?: { firstOffset: string; lastOffsetDelta: number };
    }
  >;
  /** The records to hand on: from the fetched offset, without control records or aborted transactions. */
  readonly messages: import("kafkajs").KafkaMessage[];
}

const createClusterSymbol = Object.getOwnPropertySymbols(
  new kafkajs.Kafka({ brokers: ["localhost:0"] }),
).find((s) => s.description === "private:Kafka:createCluster");

/**
 * kafkajs internals the group-less source reader (record-reader.ts) needs: a cluster of a client's
 * brokers, and the class that turns a fetched partition into records.
 */
export const kafkajsInternals = {
  createCluster(
    kafka: KafkaJs.Kafka,
    options: { metadataMaxAge: number; allowAutoTopicCreation: boolean; isolationLevel: number },
  ): KafkaJsCluster {
    const create =
      createClusterSymbol && (kafka as unknown as Record<symbol, unknown>)[createClusterSymbol];
    if (typeof create !== "function")
      throw new Error("This kafkajs has no cluster factory; Tributary needs kafkajs 2.2.");
    return create(options) as KafkaJsCluster;
  },
  /** kafkajs's consumer Batch as far as the reader uses it (wire/fetched-batch.ts). */
  Batch: FetchedBatch as unknown as new (
    topic: string,
    fetchedOffset: string,
    data: KafkaJsFetchedPartition,
  ) => KafkaJsBatch,
};
