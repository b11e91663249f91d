package dev.tributary.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling of `npm run bench -- vs-flink`: a bare kafka-clients consume→produce copy of the
 * bytes (no decoding), one thread per unit of parallelism, each owning every n-th input partition
 * and writing to the same partition number of the output. Exactly-once: a transactional producer
 * that commits the consumed offsets with the records every interval (like a checkpoint).
 *
 * <p>Usage: ByteCopy BOOTSTRAP INPUT OUTPUT THREADS EXACTLY_ONCE(true|false) COMMIT_INTERVAL_MS
 * TRANSACTION_TIMEOUT_MS. Prints one JSON line: {"records": N}.
 */
public final class ByteCopy {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String input = args[1];
    String output = args[2];
    int threads = Integer.parseInt(args[3]);
    boolean exactlyOnce = Boolean.parseBoolean(args[4]);
    long intervalMs = Long.parseLong(args[5]);
    String transactionTimeoutMs = args[6];
    String group = "bench-bytecopy-" + System.nanoTime();
    AtomicLong copied = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      Thread worker =
          new Thread(
              () -> {
                try {
                  copied.addAndGet(
                      copy(bootstrap, input, output, group, index, threads, exactlyOnce, intervalMs,
                          transactionTimeoutMs));
                } catch (Throwable e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              },
              "copy-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread w : workers) w.join();
    if (!failures.isEmpty()) {
      failures.get(0).printStackTrace();
      System.exit(1);
    }
    System.out.println("{\"records\": " + copied.get() + "}");
  }

  private static long copy(
      String bootstrap,
      String input,
      String output,
      String group,
      int index,
      int threads,
      boolean exactlyOnce,
      long intervalMs,
      String transactionTimeoutMs) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
    if (exactlyOnce) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-" + index);
      p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, transactionTimeoutMs);
    }
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<TopicPartition> mine = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(input))
        if (info.partition() % threads == index) mine.add(new TopicPartition(input, info.partition()));
      int outputPartitions = producer.partitionsFor(output).size();
      consumer.assign(mine);
      consumer.seekToBeginning(mine);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(mine));
      end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      if (exactlyOnce) {
        producer.initTransactions();
        producer.beginTransaction();
      }
      long records = 0;
      long lastCommit = System.currentTimeMillis();
      while (!end.isEmpty()) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          producer.send(
              new ProducerRecord<>(output, r.partition() % outputPartitions, r.key(), r.value()));
          records++;
        }
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        long now = System.currentTimeMillis();
        if (exactlyOnce && (now - lastCommit >= intervalMs || end.isEmpty())) {
          producer.sendOffsetsToTransaction(positions(consumer, mine), consumer.groupMetadata());
          producer.commitTransaction();
          lastCommit = now;
          if (!end.isEmpty()) producer.beginTransaction();
        }
      }
      producer.flush();
      if (!exactlyOnce) consumer.commitSync(positions(consumer, mine));
      return records;
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> positions(
      KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) offsets.put(tp, new OffsetAndMetadata(consumer.position(tp)));
    return offsets;
  }
}
