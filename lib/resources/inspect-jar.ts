/**
 * What a JAR provides: its classes, and which of them Flink could instantiate as a sink
 * partitioner — concrete classes implementing org.apache.flink.connector.kafka.sink.KafkaPartitioner
 * directly or through supertypes, resolved through the JAR itself and the Flink classes that
 * implement it (the deprecated FlinkKafkaPartitioner and FlinkFixedPartitioner).
 */
import yauzl from "yauzl";
import { DomainError, Invalid } from "@/lib/domain-errors";
import { KAFKA_PARTITIONER_INTERFACE } from "@/lib/partitioners/registry";
import { ClassFileError, readClassHeader, type ClassHeader } from "./read-class-file";
import type { ResourceContents } from "./resource-contents";

/** Flink's own types that are partitioners (or the interface itself), by binary name. */
const FLINK_PARTITIONER_TYPES = new Set([
  KAFKA_PARTITIONER_INTERFACE,
  "org.apache.flink.streaming.connectors.kafka.partitioner.FlinkKafkaPartitioner",
  "org.apache.flink.streaming.connectors.kafka.partitioner.FlinkFixedPartitioner",
]);

/** Keeps a fat JAR's class list bounded in the database. */
const MAX_LISTED_CLASSES = 5_000;
const MAX_CLASS_BYTES = 16 * 1024 * 1024;

export async function inspectJar(path: string): Promise<ResourceContents> {
  const headers = await readClassHeaders(path);
  const byName = new Map(headers.map((h) => [h.name, h]));
  const memo = new Map<string, boolean>();
  const implementsPartitioner = (name: string, seen: Set<string>): boolean => {
    if (FLINK_PARTITIONER_TYPES.has(name)) return true;
    const known = memo.get(name);
    if (known !== undefined) return known;
    const header = byName.get(name);
    if (!header || seen.has(name)) return false;
    seen.add(name);
    const result = [header.superName, ...header.interfaces].some(
      (s) => s !== null && implementsPartitioner(s, seen),
    );
    memo.set(name, result);
    return result;
  };
  const partitioners: string[] = [];
  const others: string[] = [];
  for (const h of headers) {
    const concrete = !h.isInterface && !h.isAbstract && h.isPublic;
    if (concrete && implementsPartitioner(h.name, new Set())) partitioners.push(h.name);
    else if (others.length < MAX_LISTED_CLASSES) others.push(h.name);
  }
  return { partitioners: partitioners.sort(), others: others.sort() };
}

function readClassHeaders(path: string): Promise<ClassHeader[]> {
  const corrupt = (detail: string) =>
    new Invalid(`The file is not a valid JAR (zip) archive: ${detail}.`);
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return reject(corrupt(error?.message ?? "unreadable"));
      const headers: ClassHeader[] = [];
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        zip.close();
        reject(e instanceof DomainError ? e : corrupt(e.message));
      };
      zip.on("error", fail);
      zip.on("end", () => {
        if (!failed) resolve(headers);
      });
      zip.on("entry", (entry: yauzl.Entry) => {
        const name = entry.fileName;
        const isClass =
          name.endsWith(".class") &&
          !name.startsWith("META-INF/") &&
          !/(^|\/)(module|package)-info\.class$/.test(name);
        if (!isClass) return zip.readEntry();
        if (entry.uncompressedSize > MAX_CLASS_BYTES) return fail(corrupt(`${name} is too large`));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e ?? new Error(`cannot read ${name}`));
          const parts: Buffer[] = [];
          stream.on("data", (b: Buffer) => parts.push(b));
          stream.on("error", fail);
          stream.on("end", () => {
            try {
              headers.push(readClassHeader(Buffer.concat(parts)));
            } catch (err) {
              if (err instanceof ClassFileError)
                return fail(
                  new Invalid(`The JAR's ${name} is not a valid class file: ${err.message}.`),
                );
              return fail(err as Error);
            }
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
