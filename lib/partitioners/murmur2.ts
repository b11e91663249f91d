/**
 * Kafka's murmur2 (org.apache.kafka.common.utils.Utils#murmur2) and toPositive, bit for bit: the
 * Java producer hashes a record's serialized key with it to pick a partition, so a sink that must
 * put keys where Flink's Kafka producer would has to reproduce Java's signed 32-bit arithmetic —
 * Math.imul for the wrapping multiplications, >>> for Java's unsigned shifts, |0 to stay in int.
 */

const SEED = 0x9747b28c | 0;
const M = 0x5bd1e995;
const R = 24;

export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4] | (data[i4 + 1] << 8) | (data[i4 + 2] << 16) | (data[i4 + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = length & ~3;
  const remaining = length & 3;
  // Java's switch falls through from the highest remaining byte down to the multiplication.
  if (remaining >= 3) h ^= data[tail + 2] << 16;
  if (remaining >= 2) h ^= data[tail + 1] << 8;
  if (remaining >= 1) {
    h ^= data[tail];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Utils.toPositive: clears the sign bit (not Math.abs, which would map MIN_VALUE to itself). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** BuiltInPartitioner.partitionForKey: where the Java producer puts a record with this serialized key. */
export function partitionForKey(serializedKey: Uint8Array, numPartitions: number): number {
  return toPositive(murmur2(serializedKey)) % numPartitions;
}
