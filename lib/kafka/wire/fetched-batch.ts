/**
 * A fetched partition's records as kafkajs's consumer Batch (src/consumer/batch.js) presents them
 * — `rawMessages` as returned, `messages` from the fetched offset on without aborted
 * transactions and control records — for the group-less source reader. kafkajs's Batch parses
 * every record's offset into a BigInt-backed Long to compare it with the fetched offset; offsets
 * are decimal strings of non-negative integers, so this compares their lengths, then the strings.
 */
import {
  withoutAbortedTransactions,
  type AbortedTransaction,
  type FetchedMessage,
} from "./aborted-transactions";

/** Kafka offsets as kafkajs writes them (BigInt/Long toString): `a >= b`. */
export function offsetAtLeast(a: string, b: string): boolean {
  const plain = a.charCodeAt(0) !== 45 && b.charCodeAt(0) !== 45;
  if (!plain || a.length > 15 || b.length > 15) return BigInt(a) >= BigInt(b);
  return a.length !== b.length ? a.length > b.length : a >= b;
}

export interface FetchedPartition<M> {
  partition: number;
  highWatermark: string;
  abortedTransactions?: unknown[];
  messages: M[];
}

export class FetchedBatch<M extends FetchedMessage & { offset: string }> {
  readonly topic: string;
  readonly partition: number;
  readonly highWatermark: string;
  readonly rawMessages: M[];
  readonly messages: M[];

  constructor(
    topic: string,
    readonly fetchedOffset: string,
    data: FetchedPartition<M>,
  ) {
    this.topic = topic;
    this.partition = data.partition;
    this.highWatermark = data.highWatermark;
    const raw = (this.rawMessages = data.messages);
    let within: M[] = raw;
    for (let i = 0; i < raw.length; i++) {
      if (!offsetAtLeast(raw[i].offset, fetchedOffset)) {
        within = raw.filter((m) => offsetAtLeast(m.offset, fetchedOffset));
        break;
      }
    }
    const kept = withoutAbortedTransactions(
      within,
      data.abortedTransactions as AbortedTransaction[] | undefined,
    );
    const messages: M[] = [];
    for (const m of kept) if (!m.isControlRecord) messages.push(m);
    this.messages = messages;
  }
}
