import { parseArgs } from "node:util";
import { type Command, UsageError } from "./command";

const USAGE = `Usage: tributary topics <list|create|describe|tail> [options]

  tributary topics list [--search TEXT] [--internal] [--json]
  tributary topics create NAME --partitions N [--replication-factor N] [--config key=value …]
  tributary topics describe NAME [--json]
  tributary topics tail NAME [--partition N] [--value-format raw|json|csv|avro] [--columns 'id BIGINT, …']
                              [--filter TEXT] [--expression JS] [--json]

The cluster is a cluster profile (--cluster NAME, default: the default profile; needs
DATABASE_URL, as \`npm start\` sets it) or bare bootstrap servers (--bootstrap host:port, no
database needed), with --property key=value for its security settings.

Options:
  -c, --cluster NAME         a cluster profile (its name or id)
  -b, --bootstrap LIST       bootstrap servers instead of a profile
  -p, --property KEY=VALUE   a Kafka client property for --bootstrap (may repeat)
      --json                 JSON output (tail: one record a line)
  -h, --help                 show this help

tail prints the records that arrive from now on until Ctrl-C; it reads without a consumer group
and commits nothing.`;

export const topicsCommand: Command = {
  name: "topics",
  summary: "List, create, describe and tail Kafka topics",
  usage: USAGE,
  async run(args) {
    try {
      return await runTopics(args);
    } finally {
      // The profile lookup opens PostgreSQL's pool; the command ends when its work does.
      const { disconnectPrisma } = await import("@/lib/db/prisma");
      await disconnectPrisma();
    }
  },
};

async function runTopics(args: string[]): Promise<number> {
  {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: {
          cluster: { type: "string", short: "c" },
          bootstrap: { type: "string", short: "b" },
          property: { type: "string", short: "p", multiple: true },
          search: { type: "string" },
          internal: { type: "boolean" },
          json: { type: "boolean" },
          partitions: { type: "string" },
          "replication-factor": { type: "string" },
          config: { type: "string", multiple: true },
          partition: { type: "string" },
          "value-format": { type: "string" },
          "key-format": { type: "string" },
          columns: { type: "string" },
          filter: { type: "string" },
          expression: { type: "string" },
        },
        allowPositionals: true,
      });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const { values, positionals } = parsed;
    const [action, name] = positionals;
    const { adHocProfile } = await import("@/lib/topics/topic-admin-session");
    const pairs = (list: string[] | undefined, what: string) =>
      Object.fromEntries(
        (list ?? []).map((p) => {
          const eq = p.indexOf("=");
          if (eq <= 0) throw new UsageError(`${what} '${p.split("=")[0]}' is not key=value`);
          return [p.slice(0, eq).trim(), p.slice(eq + 1)];
        }),
      );
    const cluster = values.bootstrap
      ? adHocProfile(values.bootstrap, pairs(values.property, "--property"))
      : values.cluster;
    const needName = () => {
      if (!name) throw new UsageError(`give the topic: tributary topics ${action} NAME`);
      return name;
    };
    const int = (v: string | undefined, flag: string) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0)
        throw new UsageError(`${flag} must be a whole number, not '${v}'`);
      return n;
    };

    switch (action) {
      case "list": {
        const { listTopics } = await import("@/lib/topics/list-topics");
        const { formatBytes, formatRetention } = await import("@/lib/topics/topic-format");
        const result = await listTopics({
          cluster,
          search: values.search,
          internal: values.internal,
        });
        if (values.json) console.log(JSON.stringify(result.topics, null, 2));
        else {
          const rows = result.topics.map((t) => [
            t.name,
            String(t.partitions),
            String(t.replicationFactor),
            String(t.endOffsets),
            formatBytes(t.size?.leaderBytes),
            formatRetention(t.retentionMs),
            t.cleanupPolicy ?? "",
          ]);
          printTable(
            ["TOPIC", "PARTITIONS", "REPLICATION", "END OFFSETS", "SIZE", "RETENTION", "CLEANUP"],
            rows,
          );
        }
        return 0;
      }
      case "create": {
        const partitions = int(values.partitions, "--partitions");
        if (partitions === undefined) throw new UsageError("give --partitions N");
        const { createTopicInput } = await import("@/lib/topics/schemas");
        const input = createTopicInput.safeParse({
          name: needName(),
          partitions,
          replicationFactor: int(values["replication-factor"], "--replication-factor"),
          config: pairs(values.config, "--config"),
        });
        if (!input.success) {
          const issue = input.error.issues[0];
          throw new UsageError(`${issue.path.join(".") || "input"}: ${issue.message}`);
        }
        const { createTopic } = await import("@/lib/topics/create-topic");
        const created = await createTopic(input.data, cluster);
        console.log(
          `Created topic '${created.name}' on ${created.cluster.name}: ${created.partitions} partitions, replication ${created.replicationFactor}.`,
        );
        return 0;
      }
      case "describe": {
        const { describeTopic } = await import("@/lib/topics/describe-topic");
        const d = await describeTopic(cluster, needName());
        if (values.json) {
          console.log(JSON.stringify(d, null, 2));
          return 0;
        }
        const { formatBytes } = await import("@/lib/topics/topic-format");
        const size = d.size
          ? `, size ${formatBytes(d.size.leaderBytes)} (leader replicas; ${formatBytes(d.size.replicaBytes)} across all replicas)`
          : "";
        console.log(
          `${d.name} on ${d.cluster.name}: ${d.partitions.length} partitions, replication ${d.replicationFactor}${size}`,
        );
        printTable(
          ["PARTITION", "START", "END", "LEADER", "REPLICAS", "ISR"],
          d.partitions.map((p) => [
            String(p.partition),
            String(p.low),
            String(p.high),
            String(p.leader),
            p.replicas.join(","),
            p.isr.join(","),
          ]),
        );
        if (d.groups.length > 0) {
          console.log("");
          printTable(
            ["GROUP", "STATE", "MEMBERS", "LAG"],
            d.groups.map((g) => [g.groupId, g.state, String(g.members), String(g.totalLag)]),
          );
        }
        for (const key of ["retention.ms", "cleanup.policy"])
          console.log(`${key} = ${d.configs[key] ?? "?"}`);
        return 0;
      }
      case "tail": {
        const topic = needName();
        const { followTopic } = await import("@/lib/topics/tail-topic");
        const done = new Promise<void>((resolve) => {
          process.once("SIGINT", () => resolve());
          process.once("SIGTERM", () => resolve());
        });
        let failure: string | undefined;
        const follower = await followTopic(
          topic,
          {
            partition: int(values.partition, "--partition"),
            key: { format: (values["key-format"] ?? "none") as "none" },
            value: {
              format: (values["value-format"] ?? "none") as "none",
              columns: values.columns,
            },
            filter: { text: values.filter, expression: values.expression },
          },
          {
            onBatch: (b) => {
              for (const r of b.records) {
                if (values.json) console.log(JSON.stringify(r));
                else {
                  const part = (p: typeof r.value) =>
                    p.error
                      ? `!${p.error}`
                      : p.decoded !== undefined
                        ? typeof p.decoded === "string"
                          ? p.decoded
                          : JSON.stringify(p.decoded)
                        : p.raw
                          ? (p.raw.text ?? `0x${p.raw.hex}`)
                          : "null";
                  console.log(
                    `${r.partition}:${r.offset} ${new Date(r.timestamp).toISOString()} ${part(r.key)} ${part(r.value)}`,
                  );
                }
              }
            },
            onError: (m) => {
              failure = m;
              console.error(`tributary topics tail: ${m}`);
            },
          },
          { profile: cluster },
        );
        console.error(`Tailing '${topic}' from the end (Ctrl-C stops)…`);
        await done;
        await follower.stop();
        return failure ? 1 : 0;
      }
      default:
        throw new UsageError(
          action ? `unknown action '${action}'` : "give an action: list, create, describe or tail",
        );
    }
  }
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}
