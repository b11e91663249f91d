/**
 * Scans what a test can see — response bodies, stored job events, log lines, attempts' errors and
 * plans — for secret values that must never appear there. `expectNoSecrets` fails naming where a
 * value showed up (the value itself is not printed). Also run by `npm test` over the whole
 * database after the integration and e2e stages (scripts/scan-test-secrets.ts).
 */
import { prisma } from "@/lib/db/prisma";

export interface Found {
  where: string;
  secret: number;
}

/** Also finds a value JSON-escaped or base64-encoded (e.g. inside SASL/PLAIN bytes in a dump). */
function forms(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString("base64")];
}

export function findSecrets(text: string, secrets: readonly string[], where: string): Found[] {
  const found: Found[] = [];
  secrets.forEach((s, i) => {
    if (forms(s).some((f) => text.includes(f))) found.push({ where, secret: i });
  });
  return found;
}

/** Every stored text a job leaves behind: its SQL as the API returns it aside, the plan, events, logs, errors. */
export async function scanStoredJobData(
  secrets: readonly string[],
  jobIds?: readonly string[],
): Promise<Found[]> {
  const db = prisma();
  const where = jobIds ? { jobId: { in: [...jobIds] } } : {};
  const [logs, events, jobs, runs, attempts, instances] = await Promise.all([
    db.jobLog.findMany({ where }),
    db.jobEvent.findMany({ where }),
    db.job.findMany({
      where: jobIds ? { id: { in: [...jobIds] } } : {},
      select: { id: true, plan: true, resumeFrom: true },
    }),
    db.jobRun.findMany({ where, select: { id: true, error: true } }),
    db.jobAttempt.findMany({
      where: jobIds ? { run: { jobId: { in: [...jobIds] } } } : {},
      select: { id: true, error: true },
    }),
    db.jobInstance.findMany({
      where: jobIds ? { attempt: { run: { jobId: { in: [...jobIds] } } } } : {},
    }),
  ]);
  const text = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
  return [
    ...findSecrets(text(logs), secrets, "JobLog table"),
    ...findSecrets(text(events), secrets, "JobEvent table"),
    ...findSecrets(text(jobs), secrets, "Job plan"),
    ...findSecrets(text(runs), secrets, "JobRun errors"),
    ...findSecrets(text(attempts), secrets, "JobAttempt errors"),
    ...findSecrets(text(instances), secrets, "JobInstance errors and metrics"),
  ];
}

/** Throws (failing the test) naming where secret values appeared; never printing them. */
export function expectNoSecrets(found: Found[]): void {
  if (found.length === 0) return;
  throw new Error(
    `Secret values must not appear, but did: ${found.map((f) => `secret #${f.secret} in ${f.where}`).join("; ")}`,
  );
}

/** Reads a response's body (leaving the response usable) and scans it with its headers. */
export async function scanResponse(
  res: Response,
  secrets: readonly string[],
  where: string,
): Promise<Found[]> {
  const body = await res.clone().text();
  const headers = JSON.stringify([...res.headers.entries()]);
  return findSecrets(body + headers, secrets, where);
}

/** Records what the process writes to stderr (the server's JSON log) until stop() is called. */
export function captureProcessLog(): { text(): string; stop(): void } {
  const original = process.stderr.write.bind(process.stderr);
  const lines: string[] = [];
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  return {
    text: () => lines.join(""),
    stop: () => {
      process.stderr.write = original;
    },
  };
}
