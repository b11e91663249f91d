/**
 * ctx.resolvePartitioner for a job: finds the class named in sink.partitioner among the job's
 * attached resources (pinned versions) and instantiates it — a JS export in its own isolate, a
 * JAR class in the JVM partitioner host. A class the resources have but that is no partitioner
 * resolves to an object without partition(), which the runtime reports with Flink's message.
 */
import { JsPartitioner } from "@/lib/partitioners/js/js-partitioner";
import type { LogicalType } from "@/lib/types/logical-type";
import { JarPartitioner } from "./jvm-host/jar-partitioner";

export interface PartitionerSource {
  id: string;
  name: string;
  version: number;
  kind: "JAR" | "JS";
  fileName: string;
  partitioners: string[];
  otherClasses: string[];
  /** The bytes (loaded on first need). */
  bytes(): Promise<Buffer>;
}

export type PartitionerResolver = (
  className: string,
  sink: { columns: ReadonlyArray<{ name: string; type: LogicalType }> },
) => Promise<unknown>;

export function resourcePartitionerResolver(
  resources: readonly PartitionerSource[],
): PartitionerResolver {
  return async (className, sink) => {
    const resource = resources.find((r) => r.partitioners.includes(className));
    if (!resource) {
      if (resources.some((r) => r.otherClasses.includes(className)))
        return { notAPartitioner: className };
      return undefined;
    }
    const description = `Partitioner '${className}' (resource '${resource.name}' version ${resource.version})`;
    if (resource.kind === "JS") {
      return JsPartitioner.create({
        source: (await resource.bytes()).toString("utf8"),
        fileName: resource.fileName || `${resource.name}.mjs`,
        exportName: className,
        columns: sink.columns,
        description,
      });
    }
    return JarPartitioner.create({
      jar: await resource.bytes(),
      jarId: resource.id,
      className,
      columns: sink.columns,
      description,
    });
  };
}
