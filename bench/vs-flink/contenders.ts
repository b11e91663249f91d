/**
 * The three copies the benchmark compares, each its own process so that it can be pinned to one
 * core (`taskset -c 0`) and its CPU read from /proc: `tributary run` (the embedded engine), the
 * same script on a Flink mini-cluster (bench/java FlinkSqlJob), and the bare kafka-clients byte
 * copy (bench/java ByteCopy).
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { tmpdir } from "node:os";
import { repositoryRoot } from "@/lib/devstack/maven-jars";
import { sampleCpu, type CpuSample } from "../proc-cpu";
import type { BenchJava } from "../java";
import { jobScript, TRANSACTION_TIMEOUT_MS, type Contender, type JobOptions } from "./job";

export interface ContenderProcess {
  pid: number;
  startedAt: number;
  samples: CpuSample[];
  /** Resolves when the process exits with 0; rejects with its output's end otherwise. */
  done: Promise<{ endedAt: number; stdout: string }>;
  /** A clean stop: SIGINT (Tributary commits and leaves), SIGTERM for the JVMs. */
  stop(): void;
}

function start(command: string, args: string[], pinned: boolean): ContenderProcess {
  const [file, argv] = pinned ? ["taskset", ["-c", "0", command, ...args]] : [command, args];
  const startedAt = Date.now();
  const child = spawn(file, argv, { cwd: repositoryRoot(), stdio: ["ignore", "pipe", "pipe"] });
  const sampler = sampleCpu(child.pid!);
  let stdout = "";
  let stderr = "";
  let stopping = false;
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
  const done = new Promise<{ endedAt: number; stdout: string }>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      sampler.stop();
      if (code === 0 || stopping) resolve({ endedAt: Date.now(), stdout });
      else
        reject(
          new Error(
            `${path.basename(command)} ${args.slice(-1)[0]} exited with ${code ?? signal}:\n${stderr.slice(-3000)}\n${stdout.slice(-1000)}`,
          ),
        );
    });
  });
  return {
    pid: child.pid!,
    startedAt,
    samples: sampler.samples,
    done,
    stop: () => {
      stopping = true;
      child.kill(command === process.execPath ? "SIGINT" : "SIGTERM");
    },
  };
}

export interface StartOptions extends JobOptions {
  contender: Contender;
  pinned: boolean;
  java: BenchJava;
}

export async function startContender(o: StartOptions): Promise<ContenderProcess> {
  if (o.contender === "bytecopy") {
    if (!o.bounded) throw new Error("the byte copy reads up to the offsets at its start only");
    return start(
      "java",
      [
        "-Xmx512m",
        "-cp",
        o.java.byteCopyClasspath,
        "dev.tributary.bench.ByteCopy",
        o.bootstrap,
        o.input,
        o.output,
        String(o.parallelism),
        String(o.guarantee === "exactly-once"),
        String(o.checkpointIntervalMs),
        String(TRANSACTION_TIMEOUT_MS),
      ],
      o.pinned,
    );
  }
  const script = path.join(tmpdir(), `${o.name}.sql`);
  await writeFile(script, jobScript(o));
  if (o.contender === "flink")
    return start(
      "java",
      ["-Xmx1g", "-cp", o.java.flinkClasspath, "dev.tributary.bench.FlinkSqlJob", script],
      o.pinned,
    );
  // A V8 CPU profile of Tributary's process, to name a bottleneck (npm run bench:profile).
  const profile = process.env.TRIBUTARY_BENCH_CPU_PROF;
  return start(
    process.execPath,
    [
      ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : []),
      path.join(process.env.TRIBUTARY_BENCH_CHECKOUT ?? repositoryRoot(), "bin", "tributary.mjs"),
      "run",
      "--engine",
      "embedded",
      "--quiet",
      script,
    ],
    o.pinned,
  );
}
