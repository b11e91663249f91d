package org.mycompany;

import org.apache.flink.streaming.connectors.kafka.partitioner.FlinkKafkaPartitioner;
import org.apache.flink.table.data.RowData;

/**
 * Sends all records of one customer to the same partition: the customer's name (the row's
 * second column, a STRING) hashed with String.hashCode(). The JavaScript example
 * (../customer-partitioner.mjs) computes the same partitions.
 *
 * Build: npm run example:jar (javac against the Flink jars Tributary caches), then upload
 * examples/partitioners/java/build/customer-partitioner.jar and set
 * 'sink.partitioner' = 'org.mycompany.CustomerPartitioner'.
 */
public class CustomerPartitioner extends FlinkKafkaPartitioner<RowData> {
  private static final int CUSTOMER = 1;

  @Override
  public int partition(RowData row, byte[] key, byte[] value, String targetTopic, int[] partitions) {
    if (row.isNullAt(CUSTOMER)) return partitions[0];
    String customer = row.getString(CUSTOMER).toString();
    return partitions[Math.floorMod(customer.hashCode(), partitions.length)];
  }
}
