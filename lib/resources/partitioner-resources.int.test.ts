/**
 * Uploaded partitioners running as the job's sink.partitioner on the real broker: a JS module in
 * its isolate and a JAR (built here from Java source against the cached Flink jars) in the JVM
 * partitioner host, each routing every record to the partition its own rule gives, at
 * parallelism 1 and 2 (the rule uses the instance index open() received). Then the sandbox's
 * limits and bad answers, each failing the job with the resource, the class and the record.
 */
import { describe, expect, it } from "vitest";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import {
  createTopic,
  produce,
  readAll,
  runScript,
  uniqueName,
} from "@/lib/runtime/testing/run-script";
import { buildJar } from "./build-jar";
import { flinkApiClasspath } from "./jvm-host/host-jars";
import { resourcePartitionerResolver, type PartitionerSource } from "./resolve-partitioner";
import {
  expectedNestedPartition,
  NESTED_COLUMNS,
  NESTED_PARTITIONER_CLASS,
  NESTED_PARTITIONER_SOURCE,
  nestedJson,
  nestedRecords,
} from "./testing/nested-partitioner";

const broker = brokerForTests();

const script = (topic: string, className: string, rows = 40) => `
  CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '${rows - 1}');
  CREATE TABLE dst (id BIGINT, name STRING) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
    'format' = 'csv', 'sink.partitioner' = '${className}');
  INSERT INTO dst SELECT id, CONCAT('x', CAST(id AS STRING)) FROM gen;`;

/** Both partitioners' rule: instance i writes to partitions 2i and 2i+1, by the parity of id + name length. */
const expectedPartition = (id: number, instance: number) =>
  (instance * 2 + ((id + `x${id}`.length) % 2)) % 4;

const JS_SOURCE = `
export class Halves {
  open(id, count) { this.instance = id; this.count = count; }
  partition(record, key, value, topic, partitions) {
    if (typeof record.id !== "bigint" || typeof record.name !== "string") throw new Error("bad record types");
    if (key !== null || !(value instanceof Uint8Array)) throw new Error("bad key/value");
    return partitions[(this.instance * 2 + Number((record.id + BigInt(record.name.length)) % 2n)) % partitions.length];
  }
}
export class Throws { partition(record) { throw new RangeError("no partition for " + record.id); } }
export class Loops { partition() { for (;;) {} } }
export class Hogs { partition() { const a = []; for (;;) a.push(new Array(100000).fill(7)); } }
export class Fraction { partition() { return 0.5; } }
export class Elsewhere { partition(r, k, v, t, partitions) { return partitions.length + 3; } }
export class Escapes {
  partition() {
    const reached = [typeof require, typeof process, typeof fetch, typeof setTimeout, typeof globalThis.Deno].filter((t) => t !== "undefined");
    if (reached.length > 0) return -1;
    return 0;
  }
}
export const notAClass = 42;`;

const JAVA_SOURCE = `
package com.acme;
import org.apache.flink.streaming.connectors.kafka.partitioner.FlinkKafkaPartitioner;
import org.apache.flink.table.data.RowData;
public class Halves extends FlinkKafkaPartitioner<RowData> {
  private int instance;
  @Override public void open(int parallelInstanceId, int parallelInstances) { instance = parallelInstanceId; }
  @Override public int partition(RowData row, byte[] key, byte[] value, String topic, int[] partitions) {
    long id = row.getLong(0);
    String name = row.getString(1).toString();
    return partitions[(int) ((instance * 2 + (id + name.length()) % 2) % partitions.length)];
  }
}`;

const JAVA_THROWS = `
package com.acme;
import org.apache.flink.connector.kafka.sink.KafkaPartitioner;
import org.apache.flink.table.data.RowData;
public class Picky implements KafkaPartitioner<RowData> {
  @Override public int partition(RowData row, byte[] key, byte[] value, String topic, int[] partitions) {
    if (row.getLong(0) == 7) throw new IllegalStateException("seven is not allowed");
    return partitions[0];
  }
}`;

const JAVA_MISBEHAVING = {
  "com/acme/Dies.java": `package com.acme;
    public class Dies implements org.apache.flink.connector.kafka.sink.KafkaPartitioner<Object> {
      public int partition(Object r, byte[] k, byte[] v, String t, int[] p) { Runtime.getRuntime().halt(7); return 0; }
    }`,
  "com/acme/Hog.java": `package com.acme;
    public class Hog implements org.apache.flink.connector.kafka.sink.KafkaPartitioner<Object> {
      private final java.util.List<long[]> kept = new java.util.ArrayList<>();
      public int partition(Object r, byte[] k, byte[] v, String t, int[] p) { for (;;) kept.add(new long[1 << 20]); }
    }`,
  "com/acme/Spins.java": `package com.acme;
    public class Spins implements org.apache.flink.connector.kafka.sink.KafkaPartitioner<Object> {
      public int partition(Object r, byte[] k, byte[] v, String t, int[] p) { for (;;) { Thread.onSpinWait(); } }
    }`,
  "com/acme/NoSecrets.java": `package com.acme;
    public class NoSecrets implements org.apache.flink.connector.kafka.sink.KafkaPartitioner<Object> {
      public int partition(Object r, byte[] k, byte[] v, String t, int[] p) {
        java.util.Map<String, String> env = System.getenv();
        if (!env.keySet().stream().allMatch(n -> n.equals("PATH") || n.equals("LANG"))) throw new IllegalStateException("environment: " + env.keySet());
        return p[0];
      }
    }`,
};

const source = (
  kind: "JS" | "JAR",
  bytes: Buffer,
  partitioners: string[],
  others: string[] = [],
): PartitionerSource => ({
  id: uniqueName("res"),
  name: kind === "JS" ? "halves-js" : "halves-jar",
  version: 3,
  kind,
  fileName: kind === "JS" ? "halves.mjs" : "halves.jar",
  partitioners,
  otherClasses: others,
  bytes: async () => bytes,
});

const jsResource = source(
  "JS",
  Buffer.from(JS_SOURCE),
  ["Elsewhere", "Escapes", "Fraction", "Halves", "Hogs", "Loops", "Throws"],
  ["notAClass"],
);

async function routes(
  resolve: ReturnType<typeof resourcePartitionerResolver>,
  className: string,
  parallelism: number,
) {
  const topic = uniqueName("routed");
  await createTopic(broker.kafka, topic, 4);
  const { job } = await runScript(script(topic, className), {
    parallelism,
    resolvePartitioner: resolve,
  });
  expect(await job.outcome).toEqual({ state: "FINISHED" });
  const records = await readAll(broker.kafka, topic);
  expect(records).toHaveLength(40);
  // Which instance wrote a record shows in its partition's half; its parity must be the rule's.
  const halves = new Set<number>();
  for (const r of records) {
    const id = Number(r.value!.toString().split(",")[0]);
    const instance = Math.floor(r.partition / 2);
    halves.add(instance);
    expect(r.partition).toBe(expectedPartition(id, instance));
  }
  expect([...halves].sort()).toEqual(parallelism === 1 ? [0] : [0, 1]);
}

async function failure(resolve: ReturnType<typeof resourcePartitionerResolver>, className: string) {
  const topic = uniqueName("fails");
  await createTopic(broker.kafka, topic, 2);
  const { job } = await runScript(script(topic, className, 20), { resolvePartitioner: resolve });
  const outcome = await job.outcome;
  if (outcome.state !== "FAILED") throw new Error(`expected ${className} to fail the job`);
  return outcome.failure;
}

describe("JS partitioner resources", () => {
  const resolve = resourcePartitionerResolver([jsResource]);

  it("routes every record by its rule at parallelism 1 and 2", async () => {
    await routes(resolve, "Halves", 1);
    await routes(resolve, "Halves", 2);
  });

  it("fails the job, naming resource, class and record, for throws, loops, memory and bad answers", async () => {
    const prefix = "Partitioner '%' (resource 'halves-js' version 3) failed at this record: ";
    const cases: Array<[string, RegExp]> = [
      ["Throws", /partition\(\.\.\.\) threw RangeError: no partition for 0 \(row 1\)$/],
      ["Loops", /did not return within 2000 ms \(an endless loop\?\) \(row 1\)$/],
      [
        "Fraction",
        /returned 0\.5 \(number\), which is not one of the topic's partitions \[0, 1\] \(row 1\)$/,
      ],
      [
        "Elsewhere",
        /returned 5 \(number\), which is not one of the topic's partitions \[0, 1\] \(row 1\)$/,
      ],
    ];
    for (const [cls, message] of cases) {
      const f = await failure(resolve, cls);
      expect(f.message.startsWith(prefix.replace("%", cls))).toBe(true);
      expect(f.message).toMatch(message);
      expect(f.record).toEqual({ row: 1 });
      expect(f.retriable).toBe(false);
    }
    const oom = await failure(resolve, "Hogs");
    expect(oom.message).toMatch(
      /^Partitioner 'Hogs' \(resource 'halves-js' version 3\) failed in the batch starting at this record: it ran out of memory \(the isolate's heap limit is 64 MiB\)/,
    );
  });

  it("gives the module no require, process, fetch or timers", async () => {
    const topic = uniqueName("escape");
    await createTopic(broker.kafka, topic, 2);
    const { job } = await runScript(script(topic, "Escapes", 5), { resolvePartitioner: resolve });
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    expect((await readAll(broker.kafka, topic)).every((r) => r.partition === 0)).toBe(true);
  });

  it("uses Flink's messages for a missing class and an export that is no partitioner", async () => {
    expect((await failure(resolve, "Missing")).message).toBe(
      "Could not find and instantiate partitioner class 'Missing'",
    );
    expect((await failure(resolve, "notAClass")).message).toBe(
      "Sink partitioner class 'notAClass' should implement the required class org.apache.flink.connector.kafka.sink.KafkaPartitioner",
    );
  });
});

describe("JAR partitioner resources", () => {
  it(
    "routes every record as the Java class decides at parallelism 1 and 2",
    { timeout: 180_000 },
    async () => {
      const classpath = await flinkApiClasspath();
      const jar = await buildJar(
        {
          "com/acme/Halves.java": JAVA_SOURCE,
          "com/acme/Picky.java": JAVA_THROWS,
          "com/acme/Util.java": "package com.acme; public class Util {}",
        },
        classpath,
      );
      const resolve = resourcePartitionerResolver([
        source("JAR", jar, ["com.acme.Halves", "com.acme.Picky"], ["com.acme.Util"]),
      ]);
      await routes(resolve, "com.acme.Halves", 1);
      await routes(resolve, "com.acme.Halves", 2);

      const thrown = await failure(resolve, "com.acme.Picky");
      expect(thrown.message).toBe(
        "Partitioner 'com.acme.Picky' (resource 'halves-jar' version 3) failed at this record: partition(...) threw java.lang.IllegalStateException: seven is not allowed (row 8)",
      );
      expect((await failure(resolve, "com.acme.Util")).message).toBe(
        "Sink partitioner class 'com.acme.Util' should implement the required class org.apache.flink.connector.kafka.sink.KafkaPartitioner",
      );
    },
  );

  it(
    "fails the attempt as retriable when the host dies, and gives it no environment",
    { timeout: 180_000 },
    async () => {
      const jar = await buildJar(JAVA_MISBEHAVING, await flinkApiClasspath());
      const resolve = resourcePartitionerResolver([
        source("JAR", jar, [
          "com.acme.Dies",
          "com.acme.Hog",
          "com.acme.NoSecrets",
          "com.acme.Spins",
        ]),
      ]);
      const died = await failure(resolve, "com.acme.Dies");
      expect(died.message).toBe(
        "Partitioner 'com.acme.Dies' (resource 'halves-jar' version 3): the JVM partitioner host exited (code 7)",
      );
      expect(died.retriable).toBe(true);
      const hog = await failure(resolve, "com.acme.Hog");
      expect(hog.message).toBe(
        "Partitioner 'com.acme.Hog' (resource 'halves-jar' version 3): the JVM partitioner host ran out of memory (its heap limit is 128 MiB) and exited",
      );
      const spins = await failure(resolve, "com.acme.Spins");
      expect(spins.message).toBe(
        "Partitioner 'com.acme.Spins' (resource 'halves-jar' version 3) failed in the batch starting at this record: it did not answer within 10000 ms (an endless loop?) (row 1)",
      );
      expect(spins.retriable).toBe(false);
      const topic = uniqueName("no-secrets");
      await createTopic(broker.kafka, topic, 2);
      const { job } = await runScript(script(topic, "com.acme.NoSecrets", 5), {
        resolvePartitioner: resolve,
      });
      expect(await job.outcome).toEqual({ state: "FINISHED" });
    },
  );

  it(
    "hands ARRAY, MAP, MULTISET and nested ROW columns over as Flink's RowData types",
    { timeout: 180_000 },
    async () => {
      const jar = await buildJar(NESTED_PARTITIONER_SOURCE, await flinkApiClasspath());
      const resolve = resourcePartitionerResolver([source("JAR", jar, [NESTED_PARTITIONER_CLASS])]);
      const input = uniqueName("nested-in");
      const output = uniqueName("nested-out");
      await createTopic(broker.kafka, input, 1);
      await createTopic(broker.kafka, output, 5);
      const records = nestedRecords(30);
      await produce(
        broker.kafka,
        input,
        records.map((r) => ({ value: nestedJson(r), partition: 0 })),
      );
      const { job } = await runScript(
        `CREATE TABLE src (${NESTED_COLUMNS}) WITH ('connector' = 'kafka', 'topic' = '${input}',
           'properties.bootstrap.servers' = '${broker.bootstrapServers}', 'scan.startup.mode' = 'earliest-offset',
           'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
         CREATE TABLE dst (${NESTED_COLUMNS}) WITH ('connector' = 'kafka', 'topic' = '${output}',
           'properties.bootstrap.servers' = '${broker.bootstrapServers}', 'format' = 'json',
           'sink.partitioner' = '${NESTED_PARTITIONER_CLASS}');
         INSERT INTO dst SELECT * FROM src;`,
        { resolvePartitioner: resolve },
      );
      expect(await job.outcome).toEqual({ state: "FINISHED" });
      const written = await readAll(broker.kafka, output);
      expect(written).toHaveLength(records.length);
      const partitions = new Set<number>();
      for (const w of written) {
        const id = (JSON.parse(w.value!.toString()) as { id: number }).id;
        expect(w.partition, `record ${id}`).toBe(expectedNestedPartition(records[id], 5));
        partitions.add(w.partition);
      }
      expect(partitions.size).toBeGreaterThan(2);
    },
  );
});
