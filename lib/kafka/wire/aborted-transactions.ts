/**
 * read_committed: which fetched records belong to aborted transactions, decided as the Java
 * consumer decides (CompletedFetch#nextFetchedRecord in kafka-clients). The broker lists a fetch's
 * aborted transactions in the order they ended, not began; the Java consumer sorts them by first
 * offset and, at each transactional batch, marks every producer whose aborted transaction starts
 * at or before the batch's last offset, until that producer's abort marker. kafkajs 2.2.4 takes
 * the list as given and marks one transaction per record, so when two producers' transactions
 * overlap and the later-started one ended first (two parallel exactly-once sink instances
 * cancelled together), records of the other leak into read_committed reads.
 */

export interface AbortedTransaction {
  producerId: string | bigint | number;
  firstOffset: string | bigint | number;
}

/** The fields of a fetched kafkajs message this rule reads. */
export interface FetchedMessage {
  key?: Buffer | null;
  isControlRecord?: boolean;
  batchContext: {
    producerId: string | bigint | number;
    inTransaction: boolean;
    firstOffset: string | bigint | number;
    lastOffsetDelta: number;
  };
}

/** A control record's key: version int16 then type int16, 0 for ABORT (ControlRecordType). */
const isAbortMarker = (m: FetchedMessage) =>
  !!m.key && m.key.length >= 4 && m.key.readInt16BE(2) === 0;

/** The messages (control records included) that do not belong to an aborted transaction. */
export function withoutAbortedTransactions<M extends FetchedMessage>(
  messages: M[],
  abortedTransactions?: readonly AbortedTransaction[],
): M[] {
  if (!abortedTransactions || abortedTransactions.length === 0) return messages;
  const pending = abortedTransactions
    .map((t) => ({ producerId: String(t.producerId), firstOffset: BigInt(t.firstOffset) }))
    .sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0));
  const abortedProducers = new Set<string>();
  return messages.filter((m) => {
    const batch = m.batchContext;
    if (!batch.inTransaction) return true;
    const producerId = String(batch.producerId);
    const lastOffset = BigInt(batch.firstOffset) + BigInt(batch.lastOffsetDelta);
    while (pending.length > 0 && pending[0].firstOffset <= lastOffset)
      abortedProducers.add(pending.shift()!.producerId);
    if (m.isControlRecord) {
      if (isAbortMarker(m)) abortedProducers.delete(producerId);
      return true;
    }
    return !abortedProducers.has(producerId);
  });
}
