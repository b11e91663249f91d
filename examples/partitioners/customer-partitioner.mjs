/**
 * Sends all records of one customer to the same partition: the `name` column hashed as Java's
 * String.hashCode() does, so it chooses what the JAR example (java/.../CustomerPartitioner.java)
 * chooses. Upload this file on the Resources page, attach it to the draft, and set
 * 'sink.partitioner' = 'CustomerPartitioner'.
 *
 * A partitioner module is plain JavaScript: no imports, no require, no timers, no I/O.
 */
export class CustomerPartitioner {
  /** Optional: called once per parallel sink instance before its first record. */
  open(parallelInstanceId, parallelInstances) {
    this.instance = parallelInstanceId;
    this.instances = parallelInstances;
  }

  /**
   * @param record the row by column name (BIGINT as bigint, STRING as string, NULL as null, …)
   * @param key the serialized key (Uint8Array) or null
   * @param value the serialized value (Uint8Array) or null
   * @param targetTopic the topic the record goes to
   * @param partitions the topic's partition ids, ascending
   * @returns one of `partitions`
   */
  partition(record, key, value, targetTopic, partitions) {
    const customer = record.name;
    if (customer === null || customer === undefined) return partitions[0];
    let hash = 0;
    for (let i = 0; i < customer.length; i++) hash = (31 * hash + customer.charCodeAt(i)) | 0;
    const n = partitions.length;
    return partitions[((hash % n) + n) % n];
  }
}
