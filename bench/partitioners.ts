/**
 * `npm run bench -- partitioners`: the runtime benchmark's 1-partition Kafka→Kafka CSV job of
 * ~100-byte rows, with 'sink.partitioner' = 'fixed', with the example JS partitioner (an isolate
 * per sink instance) and with the example JAR partitioner (the JVM partitioner host), in the same
 * run against the same input. Goals (issue 11): JS ≥ 60% and JAR ≥ 50% of `fixed`. The three
 * alternate twice and each reports its better run; rates are the steady state (the output's
 * first to last producer timestamp), as in bench/runtime.ts.
 */
import { producedSpanMs } from "./kafkajs-probes";
import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";
import { createTopic, produce, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";
import { runScript } from "@/lib/runtime/testing/run-script";
import { buildJar } from "@/lib/resources/build-jar";
import {
  EXAMPLE_JAR_CLASS,
  EXAMPLE_JS_EXPORT,
  exampleJarSources,
  exampleJsModule,
} from "@/lib/resources/example-partitioners";
import { flinkApiClasspath } from "@/lib/resources/jvm-host/host-jars";
import {
  resourcePartitionerResolver,
  type PartitionerSource,
} from "@/lib/resources/resolve-partitioner";

export interface PartitionerBenchResult {
  records: number;
  recordsPerSecond: { fixed: number; js: number; jar: number };
  ratios: { js: number; jar: number };
  goals: { js: boolean; jar: boolean };
}

const row = (i: number) =>
  `${i},customer-${String(i % 10_000).padStart(5, "0")},${(i % 1000) / 10},note for record ${i} `.padEnd(
    100,
    "x",
  );

export async function benchPartitioners(
  records = 200_000,
  rounds = 2,
): Promise<PartitionerBenchResult> {
  const broker = await acquireTestBroker();
  try {
    const bootstrap = broker.bootstrapServers;
    const kafka = testKafka(bootstrap);
    const input = await createTopic(kafka, uniqueName("bench-part-in"), 1);
    await produce(
      kafka,
      input,
      Array.from({ length: records }, (_, i) => ({ value: row(i) })),
    );
    const source = (kind: "JS" | "JAR", bytes: Buffer, className: string): PartitionerSource => ({
      id: `bench-${kind}`,
      name: `example-${kind.toLowerCase()}`,
      version: 1,
      kind,
      fileName: kind === "JS" ? "customer-partitioner.mjs" : "customer-partitioner.jar",
      partitioners: [className],
      otherClasses: [],
      bytes: async () => bytes,
    });
    const resolve = resourcePartitionerResolver([
      source("JS", Buffer.from(await exampleJsModule()), EXAMPLE_JS_EXPORT),
      source(
        "JAR",
        await buildJar(await exampleJarSources(), await flinkApiClasspath()),
        EXAMPLE_JAR_CLASS,
      ),
    ]);
    const best = { fixed: 0, js: 0, jar: 0 };
    for (let round = 0; round < rounds; round++) {
      for (const [which, partitioner] of [
        ["fixed", "fixed"],
        ["js", EXAMPLE_JS_EXPORT],
        ["jar", EXAMPLE_JAR_CLASS],
      ] as const) {
        const output = await createTopic(kafka, uniqueName(`bench-part-${which}`), 1);
        const { job } = await runScript(
          `
          SET 'execution.checkpointing.interval' = '10s';
          CREATE TABLE src (id BIGINT, name STRING, amount DOUBLE, note STRING) WITH (
            'connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '${bootstrap}',
            'properties.group.id' = '${uniqueName("bench")}', 'scan.startup.mode' = 'earliest-offset',
            'scan.bounded.mode' = 'latest-offset', 'format' = 'csv');
          CREATE TABLE dst (id BIGINT, name STRING, amount DOUBLE, note STRING) WITH (
            'connector' = 'kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '${bootstrap}',
            'format' = 'csv', 'sink.partitioner' = '${partitioner}');
          INSERT INTO dst SELECT * FROM src;`,
          { resolvePartitioner: resolve },
        );
        const outcome = await job.outcome;
        if (outcome.state !== "FINISHED")
          throw new Error(`benchmark job (${which}) failed: ${outcome.failure.message}`);
        const rate = Math.round(
          records / ((await producedSpanMs(bootstrap, output, records)) / 1000),
        );
        best[which] = Math.max(best[which], rate);
      }
    }
    const ratios = {
      js: Number((best.js / best.fixed).toFixed(2)),
      jar: Number((best.jar / best.fixed).toFixed(2)),
    };
    return {
      records,
      recordsPerSecond: best,
      ratios,
      goals: { js: ratios.js >= 0.6, jar: ratios.jar >= 0.5 },
    };
  } finally {
    await broker.release();
  }
}
