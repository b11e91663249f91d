/** What a new draft starts with: the specification's Kafka-to-Kafka example, ready to adapt. */
export const NEW_DRAFT_TEMPLATE = `-- Read CSV records from one topic and write them to another.
CREATE TEMPORARY TABLE kafka_source (
  id INT,
  name STRING,
  age INT
) WITH (
  'connector' = 'kafka',
  'topic' = 'people',
  'properties.bootstrap.servers' = 'localhost:19092',
  'properties.group.id' = 'tributary-example',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'csv'
);

CREATE TEMPORARY TABLE kafka_sink (
  id INT,
  name STRING,
  age INT
) WITH (
  'connector' = 'kafka',
  'topic' = 'adults',
  'properties.bootstrap.servers' = 'localhost:19092',
  'format' = 'csv',
  'sink.partitioner' = 'fixed'
);

INSERT INTO kafka_sink SELECT id, name, age FROM kafka_source WHERE age >= 18;
`;
