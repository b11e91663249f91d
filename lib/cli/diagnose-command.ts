import { parseArgs } from "node:util";
import { type Command, UsageError } from "./command";

export const diagnoseCommand: Command = {
  name: "diagnose",
  summary: "Explain why jobs can or cannot reach a Kafka cluster",
  usage: `Usage: tributary diagnose [--bootstrap host:port[,host:port…]] [--property key=value …] [--json]

Connects to Kafka the way a job's client does and prints a checklist: for each bootstrap
server, DNS, TCP connect, the TLS handshake (SSL, SASL_SSL), the Kafka handshake with SASL
authentication (SASL_*) and the cluster metadata; then the same for every broker at the address
it advertises — where clients send all their reads and writes. It ends with a diagnosis in plain
words, e.g. a broker whose advertised.listeners names an address the workers cannot reach (jobs
fail with 'Timed out waiting for a node assignment'). Passwords never appear in the output.

Options:
  -b, --bootstrap LIST       bootstrap servers, host:port separated by commas (may repeat);
                             default KAFKA_BOOTSTRAP_SERVERS
  -p, --property KEY=VALUE   a Kafka client property, as in a table's WITH clause with or
                             without the 'properties.' prefix (may repeat), e.g.
                               --property security.protocol=SASL_SSL
                               --property sasl.mechanism=SCRAM-SHA-512
                               --property 'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="etl" password="…";'
      --timeout MS           bound of each lookup, connection, handshake and request (default 5000)
      --json                 print the report as JSON (the shape of POST /api/diagnostics/kafka)
  -h, --help                 show this help

Exit status: 0 when every check passed, 1 when the diagnosis found a problem, 2 for bad usage.`,
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          bootstrap: { type: "string", short: "b", multiple: true },
          property: { type: "string", short: "p", multiple: true },
          timeout: { type: "string" },
          json: { type: "boolean" },
        },
        allowPositionals: false,
      }));
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const bootstrap = values.bootstrap?.length
      ? values.bootstrap
      : process.env.KAFKA_BOOTSTRAP_SERVERS;
    if (!bootstrap)
      throw new UsageError(
        "give the bootstrap servers with --bootstrap host:port (or set KAFKA_BOOTSTRAP_SERVERS)",
      );
    const properties = parseProperties(values.property ?? []);
    const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
    if (
      timeoutMs !== undefined &&
      (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000)
    ) {
      throw new UsageError(
        `--timeout must be a whole number of milliseconds from 100 to 60000, not '${values.timeout}'`,
      );
    }

    const { diagnoseKafka, InvalidBootstrapServersError } = await import("@/lib/kafka/diagnostics");
    const { formatChecklist } = await import("@/lib/kafka/diagnostics/checklist");
    let report;
    try {
      report = await diagnoseKafka({ bootstrapServers: bootstrap, properties, timeoutMs });
    } catch (e) {
      if (e instanceof InvalidBootstrapServersError) throw new UsageError(e.message);
      throw e;
    }
    console.log(
      values.json
        ? JSON.stringify(report, null, 2)
        : formatChecklist(report, process.stdout.columns || 100),
    );
    return report.ok ? 0 : 1;
  },
};

/** `key=value` pairs; the value is everything after the first '=' (JAAS lines contain '='). */
export function parseProperties(pairs: readonly string[]): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? "" : pair.slice(0, eq).trim();
    if (key === "") {
      // Only the key part is shown: a malformed pair may still hold a secret.
      throw new UsageError(
        `--property expects key=value, e.g. security.protocol=SASL_SSL; got '${eq < 0 ? pair.split(/\s/)[0] : ""}…'`,
      );
    }
    properties[key] = pair.slice(eq + 1);
  }
  return properties;
}
