/**
 * Which parallel source instance reads a topic partition: Flink's KafkaSourceEnumerator#getSplitOwner
 * (flink-connector-kafka 3.4). Partitions of one topic go round-robin over the readers, starting at
 * an index derived from the topic name, so every instance can compute its own share without asking.
 */

/** Java's String#hashCode over UTF-16 code units, with int overflow. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

export function splitOwner(topic: string, partition: number, numReaders: number): number {
  const startIndex = (Math.imul(javaStringHashCode(topic), 31) & 0x7fffffff) % numReaders;
  return (startIndex + partition) % numReaders;
}
