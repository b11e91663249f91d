/**
 * Helpers for the runtime's integration tests: topics on the test broker, producing and reading
 * raw records, and running a SQL script through validateScript + runJob. Node-only; tests only.
 */
import { uniqueName } from "@/lib/kafka/testing/test-kafka";
import { validateScript } from "@/lib/sql/validate";
import { runJob } from "../run-job";
import type {
  InstanceCheckpoint,
  InstanceMetrics,
  JobRuntimeContext,
  RunningJob,
} from "../job-runtime";

export {
  addPartitions,
  commitGroupOffsets,
  createTopic,
  produce,
  readAll,
  testKafka,
  uniqueName,
  type Kafka,
  type ReadRecord,
  type RawRecord,
} from "@/lib/kafka/testing/test-kafka";

export interface ScriptRun {
  job: RunningJob;
  logs: string[];
  printed: string[];
  metrics: InstanceMetrics[][];
  /** Every onCheckpoint call, in order. */
  checkpoints: InstanceCheckpoint[];
}

export async function runScript(
  script: string,
  options: Partial<Omit<JobRuntimeContext, "plan" | "onMetrics" | "onCheckpoint" | "onLog">> & {
    secrets?: Record<string, string>;
  } = {},
): Promise<ScriptRun> {
  const result = validateScript(script);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || !result.plan)
    throw new Error(`script does not validate: ${errors.map((e) => e.message).join("; ")}`);
  const logs: string[] = [];
  const printed: string[] = [];
  const metrics: InstanceMetrics[][] = [];
  const checkpoints: InstanceCheckpoint[] = [];
  const parallelism = options.parallelism ?? 1;
  const job = await runJob({
    plan: result.plan,
    jobId: options.jobId ?? uniqueName("dep"),
    parallelism,
    instances: options.instances ?? Array.from({ length: parallelism }, (_, i) => i),
    attemptNumber: options.attemptNumber ?? 1,
    ...(options.restart !== undefined ? { restart: options.restart } : {}),
    ...(options.runId ? { runId: options.runId } : {}),
    ...(options.earlierParallelism ? { earlierParallelism: options.earlierParallelism } : {}),
    ...(options.resumeFrom ? { resumeFrom: options.resumeFrom } : {}),
    resolveSecret: async (name) => {
      const value = options.secrets?.[name];
      if (value === undefined) throw new Error(`unknown secret ${name}`);
      return value;
    },
    ...(options.resolvePartitioner ? { resolvePartitioner: options.resolvePartitioner } : {}),
    onMetrics: (m) => metrics.push(m),
    onCheckpoint: (c) => checkpoints.push(c),
    onLog: (level, message) => logs.push(`${level} ${message}`),
    onPrint: (line) => printed.push(line),
  });
  return { job, logs, printed, metrics, checkpoints };
}

/** Polls until the condition holds, or fails after `timeoutMs` saying what it waited for. */
export async function waitUntil(
  what: string,
  condition: () => boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
