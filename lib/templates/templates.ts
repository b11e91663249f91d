/**
 * The templates a new draft can start from, as data: each a complete script that validates, the
 * topics it reads and writes (so the editor can offer to create them), and what it shows. The
 * bootstrap servers are a placeholder the editor replaces with the console's own cluster.
 */
export interface DraftTemplate {
  id: string;
  title: string;
  description: string;
  /** Topics the script reads or writes, with the partitions a new one should get. */
  topics: Array<{ name: string; partitions: number }>;
  sql: string;
}

/** Replaced with the cluster the console runs against when a template is opened. */
export const BOOTSTRAP_PLACEHOLDER = "localhost:9092";

const KAFKA = (topic: string, extra = "") =>
  `  'connector' = 'kafka',
  'topic' = '${topic}',
  'properties.bootstrap.servers' = '${BOOTSTRAP_PLACEHOLDER}',${extra}`;

export const DRAFT_TEMPLATES: readonly DraftTemplate[] = [
  {
    id: "kafka-to-kafka-csv",
    title: "Kafka → Kafka (CSV)",
    description:
      "The specification's example: read CSV rows from one topic, write them to another.",
    topics: [
      { name: "people", partitions: 3 },
      { name: "adults", partitions: 3 },
    ],
    sql: `-- Read CSV records from one topic and write the adults to another.
CREATE TEMPORARY TABLE kafka_source (
  id INT, name STRING, age INT
) WITH (
${KAFKA("people")}
  'properties.group.id' = 'tributary-people',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'csv'
);
CREATE TEMPORARY TABLE kafka_sink (
  id INT, name STRING, age INT
) WITH (
${KAFKA("adults")}
  'format' = 'csv'
);
INSERT INTO kafka_sink SELECT id, name, age FROM kafka_source WHERE age >= 18;
`,
  },
  {
    id: "datagen-to-kafka",
    title: "datagen → Kafka (JSON)",
    description: "Generated rows (no source topic needed) written as JSON, keyed by id.",
    topics: [{ name: "orders", partitions: 3 }],
    sql: `-- 1000 generated orders, written as JSON with the id as the record key.
CREATE TEMPORARY TABLE orders_gen (
  id BIGINT,
  customer STRING,
  amount DOUBLE
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '1000',
  'rows-per-second' = '200',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1',
  'fields.id.end' = '1000',
  'fields.customer.length' = '8',
  'fields.amount.min' = '1',
  'fields.amount.max' = '500'
);
CREATE TEMPORARY TABLE orders (
  id BIGINT,
  customer STRING,
  amount DOUBLE
) WITH (
${KAFKA("orders")}
  'key.format' = 'raw',
  'key.fields' = 'customer',
  'value.format' = 'json'
);
INSERT INTO orders SELECT id, customer, amount FROM orders_gen;
`,
  },
  {
    id: "sasl-plaintext",
    title: "SASL_PLAINTEXT connection",
    description: "A sink that authenticates with SASL/PLAIN; the password comes from a secret.",
    topics: [{ name: "secured-events", partitions: 1 }],
    sql: `-- SASL/PLAIN without TLS. Store the password first: Settings → Secrets, name 'kafka_password'.
CREATE TEMPORARY TABLE events_gen (id BIGINT, msg STRING) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '100'
);
CREATE TEMPORARY TABLE secured_events (id BIGINT, msg STRING) WITH (
${KAFKA("secured-events")}
  'properties.security.protocol' = 'SASL_PLAINTEXT',
  'properties.sasl.mechanism' = 'PLAIN',
  'properties.sasl.jaas.config' = 'org.apache.flink.kafka.shaded.org.apache.kafka.common.security.plain.PlainLoginModule required username="USERNAME" password="\${secret_values.kafka_password}";',
  'format' = 'csv'
);
INSERT INTO secured_events SELECT id, msg FROM events_gen;
`,
  },
  {
    id: "sasl-ssl",
    title: "SASL_SSL connection",
    description: "SASL/SCRAM over TLS, as managed Kafka services expect; credentials from secrets.",
    topics: [{ name: "secured-events", partitions: 1 }],
    sql: `-- SASL/SCRAM-SHA-512 over TLS. Store the password as the secret 'kafka_password'.
CREATE TEMPORARY TABLE events_gen (id BIGINT, msg STRING) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '100'
);
CREATE TEMPORARY TABLE secured_events (id BIGINT, msg STRING) WITH (
${KAFKA("secured-events")}
  'properties.security.protocol' = 'SASL_SSL',
  'properties.sasl.mechanism' = 'SCRAM-SHA-512',
  'properties.sasl.jaas.config' = 'org.apache.flink.kafka.shaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="USERNAME" password="\${secret_values.kafka_password}";',
  'properties.ssl.endpoint.identification.algorithm' = 'https',
  'format' = 'json'
);
INSERT INTO secured_events SELECT id, msg FROM events_gen;
`,
  },
  {
    id: "custom-partitioner",
    title: "Custom partitioner",
    description:
      "Names an uploaded partitioner class in 'sink.partitioner' (attach its JAR or JS bundle to the job).",
    topics: [{ name: "regions", partitions: 4 }],
    sql: `-- Upload the partitioner on the resources page and attach it to the job when deploying.
CREATE TEMPORARY TABLE readings (region STRING, reading DOUBLE) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '500',
  'fields.region.length' = '2'
);
CREATE TEMPORARY TABLE regions (region STRING, reading DOUBLE) WITH (
${KAFKA("regions")}
  'key.format' = 'raw',
  'key.fields' = 'region',
  'value.format' = 'csv',
  'sink.partitioner' = 'org.mycompany.RegionPartitioner'
);
INSERT INTO regions SELECT region, reading FROM readings;
`,
  },
  {
    id: "exactly-once",
    title: "Exactly-once Kafka → Kafka",
    description: "Transactions committed with each checkpoint; readers see each record once.",
    topics: [
      { name: "payments", partitions: 3 },
      { name: "payments-copy", partitions: 3 },
    ],
    sql: `-- Exactly-once needs checkpointing and a transactional-id prefix unique to this job.
SET 'execution.checkpointing.interval' = '5 s';
CREATE TEMPORARY TABLE payments (id BIGINT, amount DECIMAL(10, 2)) WITH (
${KAFKA("payments")}
  'properties.group.id' = 'tributary-payments',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);
CREATE TEMPORARY TABLE payments_copy (id BIGINT, amount DECIMAL(10, 2)) WITH (
${KAFKA("payments-copy")}
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = 'tributary-payments-copy',
  'format' = 'json'
);
INSERT INTO payments_copy SELECT id, amount FROM payments;
`,
  },
  {
    id: "aggregation-upsert-kafka",
    title: "Aggregation into upsert-kafka",
    description:
      "A running count per key: an updating result needs upsert-kafka and a primary key.",
    topics: [{ name: "clicks-per-user", partitions: 3 }],
    sql: `-- GROUP BY produces updates; upsert-kafka writes the latest count per user (a compacted topic suits it).
CREATE TEMPORARY TABLE clicks (user_id STRING, url STRING) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '2000',
  'fields.user_id.length' = '1'
);
CREATE TEMPORARY TABLE clicks_per_user (
  user_id STRING,
  clicks BIGINT,
  PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'clicks-per-user',
  'properties.bootstrap.servers' = '${BOOTSTRAP_PLACEHOLDER}',
  'key.format' = 'raw',
  'value.format' = 'json'
);
INSERT INTO clicks_per_user SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;
`,
  },
];

/** The template's script for a cluster (the console's own when known). */
export function templateSql(t: DraftTemplate, bootstrapServers?: string): string {
  return bootstrapServers ? t.sql.replaceAll(BOOTSTRAP_PLACEHOLDER, bootstrapServers) : t.sql;
}
