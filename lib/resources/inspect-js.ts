/**
 * What a JavaScript partitioner module provides: it must load in the sandbox (lib/partitioners/js)
 * and export at least one class with a partition method. Each partitioner is then asked a sample
 * question; since the sample record cannot have the job's columns, a failing sample is a warning,
 * not a refusal.
 */
import { JsModuleSandbox } from "@/lib/partitioners/js/js-sandbox";
import { Invalid } from "@/lib/domain-errors";
import type { ResourceContents } from "./resource-contents";

const SAMPLE_PARTITIONS = [0, 1, 2, 3];

export async function inspectJs(
  source: string,
  fileName: string,
): Promise<ResourceContents & { warnings: string[] }> {
  const loaded = await loadOrRefuse(source, fileName);
  let contents: ResourceContents;
  try {
    contents = await loaded.exports();
  } finally {
    loaded.dispose();
  }
  if (contents.partitioners.length === 0) {
    throw new Invalid(
      `The module exports no partitioner: export a class with a partition(record, key, value, targetTopic, partitions) method` +
        (contents.others.length > 0 ? ` (found: ${contents.others.join(", ")}).` : "."),
    );
  }
  const warnings: string[] = [];
  for (const name of contents.partitioners) {
    const sandbox = await loadOrRefuse(source, fileName);
    try {
      await sandbox.create(name, []);
      await sandbox.open(0, 1);
      const key = new TextEncoder().encode("sample-key");
      const value = new TextEncoder().encode("sample-value");
      await sandbox.partitionBatch({
        rows: [[]],
        keyBytes: key,
        keyOffsets: Int32Array.of(0, key.length),
        valueBytes: value,
        valueOffsets: Int32Array.of(0, value.length),
        topics: ["sample"],
        topicOf: Uint16Array.of(0),
        partitionsByTopic: { sample: SAMPLE_PARTITIONS },
      });
    } catch (e) {
      warnings.push(
        `${name}: a sample call (an empty record, key 'sample-key', partitions [0, 1, 2, 3]) failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      sandbox.dispose();
    }
  }
  return { ...contents, warnings };
}

async function loadOrRefuse(source: string, fileName: string): Promise<JsModuleSandbox> {
  try {
    return await JsModuleSandbox.load(source, fileName);
  } catch (e) {
    throw new Invalid(
      `The JavaScript module cannot be loaded: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
