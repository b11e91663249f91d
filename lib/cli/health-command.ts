import { parseArgs } from "node:util";
import { type Command, UsageError } from "./command";

export const healthCommand: Command = {
  name: "health",
  summary: "Check PostgreSQL, Kafka and the workers",
  usage: `Usage: tributary health [--json] [--url URL]

Checks every component the console needs and prints one line each; exits 1 if any is unhealthy.

Without --url it checks directly, using DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS from the
environment. With --url it asks a running console (e.g. --url http://localhost:3000), sending
the API token in TRIBUTARY_TOKEN (\`tributary tokens create\`); without a token the console only
says whether it is healthy, not why.

Options:
  --json       print the health report as JSON (the shape of GET /api/health)
  --url URL    ask the console at URL instead of checking directly
  -h, --help   show this help`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { json: { type: "boolean" }, url: { type: "string" } },
      strict: false,
    });
    const unknown = args.filter(
      (a) => a.startsWith("--") && !["--json", "--url"].includes(a.split("=")[0]),
    );
    if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
    const report = values.url
      ? await fetchReport(String(values.url))
      : await (await import("@/lib/health/check-health")).checkHealth();
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      if (!report.components) {
        console.log(
          `${report.ok ? "ok  " : "FAIL"}  console   (set TRIBUTARY_TOKEN for each component)`,
        );
      }
      for (const [name, c] of Object.entries(report.components ?? {})) {
        const detail = c.ok ? describe(name, c) : (c.reason ?? "unhealthy");
        console.log(`${c.ok ? "ok  " : "FAIL"}  ${name.padEnd(8)}  ${detail}`);
      }
    }
    if (!values.url) {
      const { disconnectPrisma } = await import("@/lib/db/prisma");
      await disconnectPrisma();
    }
    return report.ok ? 0 : 1;
  },
};

interface Report {
  ok: boolean;
  /** Absent when the console answered an anonymous caller. */
  components?: Record<string, { ok: boolean; reason?: string; [k: string]: unknown }>;
}

async function fetchReport(url: string): Promise<Report> {
  const token = process.env.TRIBUTARY_TOKEN?.trim();
  const res = await fetch(new URL("/api/health", url), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).catch((e: unknown) => {
    throw new Error(`could not reach the console at ${url}: ${e instanceof Error ? e.message : e}`);
  });
  if (res.status === 401) {
    throw new Error(
      `the console at ${url} refused TRIBUTARY_TOKEN: ${((await res.json()) as { detail?: string }).detail ?? ""}`,
    );
  }
  return (await res.json()) as Report;
}

function describe(name: string, c: Record<string, unknown>): string {
  if (name === "kafka") return `brokers ${(c.brokers as string[]).join(", ")}`;
  if (name === "workers") return `${String(c.alive)} alive`;
  if (name === "database") return String(c.version ?? "reachable");
  return "healthy";
}
