/** The `print` sink in the embedded engine: each row printed to the job's output, per instance. */
import type { InstanceSinkSetup } from "@/lib/runtime/instance-start";
import type { SetupEnv } from "@/lib/runtime/job-connections";
import { PrintSink } from "@/lib/runtime/sinks/print-sink";
import { connectorRuntime, type SinkSetupInput } from "../runtime";
import { printConnector } from "./print";
import type { ResolvedPrintTable } from "./resolved";

export async function printSinkSetup(
  table: ResolvedPrintTable,
  { parallelism }: SinkSetupInput,
  env: SetupEnv,
): Promise<InstanceSinkSetup> {
  const print = (line: string, stream: "stdout" | "stderr", instance: number) =>
    env.ctx.onPrint
      ? env.ctx.onPrint(line, stream, instance)
      : env.ctx.onLog("INFO", line, instance);
  return {
    create: async (instance) =>
      new PrintSink(table, instance, parallelism, (l, s) => print(l, s, instance)),
  };
}

export const printRuntime = connectorRuntime(printConnector, { sink: printSinkSetup });
