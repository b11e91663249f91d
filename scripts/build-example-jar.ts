/**
 * `npm run example:jar`: builds examples/partitioners/java into
 * examples/partitioners/java/build/customer-partitioner.jar with javac, against the Flink API jars
 * the JVM partitioner host caches (fetched from Maven Central on first need).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { buildJar } from "@/lib/resources/build-jar";
import { exampleJarSources, EXAMPLE_JAR } from "@/lib/resources/example-partitioners";
import { flinkApiClasspath } from "@/lib/resources/jvm-host/host-jars";

const jar = await buildJar(await exampleJarSources(), await flinkApiClasspath());
await fs.mkdir(path.dirname(EXAMPLE_JAR), { recursive: true });
await fs.writeFile(EXAMPLE_JAR, jar);
console.log(`wrote ${path.relative(process.cwd(), EXAMPLE_JAR)} (${jar.length} bytes)`);
