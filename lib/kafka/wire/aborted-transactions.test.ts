/**
 * read_committed filtering as the Java consumer does it (CompletedFetch): aborted transactions are
 * taken in order of their first offset whatever order the broker lists them in (the order they
 * ended), a producer's records are dropped from its aborted transaction's start to its abort
 * marker, and committed or non-transactional records always pass.
 */
import { describe, expect, it } from "vitest";
import { withoutAbortedTransactions, type FetchedMessage } from "./aborted-transactions";

type Msg = FetchedMessage & { offset: number };

const ABORT = Buffer.from([0, 0, 0, 0]);
const COMMIT = Buffer.from([0, 0, 0, 1]);

/** One record batch per message, as a producer that sends a record at a time writes them. */
function record(
  offset: number,
  producerId: string,
  kind: "data" | "abort" | "commit" | "plain" = "data",
): Msg {
  return {
    offset,
    key: kind === "abort" ? ABORT : kind === "commit" ? COMMIT : Buffer.from("k"),
    isControlRecord: kind === "abort" || kind === "commit",
    batchContext: {
      producerId,
      inTransaction: kind !== "plain",
      firstOffset: String(offset),
      lastOffsetDelta: 0,
    },
  };
}

const offsets = (ms: Msg[]) => ms.filter((m) => !m.isControlRecord).map((m) => m.offset);

describe("records of aborted transactions under read_committed", () => {
  // Two exactly-once sink instances (producers 7 and 8) cancelled together: 7's transaction began
  // first, 8's abort was written first, so the broker lists 8's transaction first.
  const log: Msg[] = [
    record(0, "7"),
    record(1, "7"),
    record(2, "8"),
    record(3, "7"),
    record(4, "8"),
    record(5, "8", "abort"),
    record(6, "7", "abort"),
    record(7, "7"),
    record(8, "7", "commit"),
    record(9, "9", "plain"),
  ];
  const listedAsEnded = [
    { producerId: "8", firstOffset: "2" },
    { producerId: "7", firstOffset: "0" },
  ];

  it("drops every record of both aborted transactions, whatever order the broker lists them in", () => {
    expect(offsets(withoutAbortedTransactions(log, listedAsEnded))).toEqual([7, 9]);
    expect(offsets(withoutAbortedTransactions(log, [...listedAsEnded].reverse()))).toEqual([7, 9]);
  });

  it("keeps a producer's records after its abort marker (its next, committed transaction)", () => {
    const fetchFromMiddle = log.slice(3);
    expect(offsets(withoutAbortedTransactions(fetchFromMiddle, listedAsEnded))).toEqual([7, 9]);
  });

  it("keeps everything when no transaction was aborted", () => {
    expect(offsets(withoutAbortedTransactions(log, []))).toEqual([0, 1, 2, 3, 4, 7, 9]);
    expect(offsets(withoutAbortedTransactions(log, undefined))).toEqual([0, 1, 2, 3, 4, 7, 9]);
  });

  it("marks a transaction aborted from the batch that contains its first offset", () => {
    // One batch of offsets 10..12 from producer 5, aborted transaction starting at 11.
    const batch = [10, 11, 12].map((o) => ({
      ...record(o, "5"),
      batchContext: { producerId: "5", inTransaction: true, firstOffset: "10", lastOffsetDelta: 2 },
    }));
    expect(
      offsets(withoutAbortedTransactions(batch, [{ producerId: "5", firstOffset: "11" }])),
    ).toEqual([]);
  });
});
