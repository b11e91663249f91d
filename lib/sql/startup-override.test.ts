import { describe, expect, it } from "vitest";
import { validateScript } from "@/lib/sql/validate";
import { summarizeDeploy } from "@/lib/jobs/deploy-summary";
import { overrideStartup } from "./startup-override";

const SQL = `SET 'execution.checkpointing.interval' = '10 s';
CREATE TABLE src (id INT) WITH (
  'connector' = 'kafka',
  'topic' = 'in',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'g',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'csv'
);
CREATE TABLE snk (id INT) WITH (
  'connector' = 'kafka',
  'topic' = 'out',
  'properties.bootstrap.servers' = 'localhost:9092',
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = 'tx',
  'format' = 'csv'
);
INSERT INTO snk SELECT id FROM src;`;

describe("deploying from elsewhere than the script says", () => {
  const plan = validateScript(SQL).plan!;
  it("sets the sources' startup mode, and the timestamp, and nothing else", () => {
    const group = overrideStartup(SQL, plan, { mode: "group-offsets" });
    expect(group).toBe(
      SQL.replace(
        "'scan.startup.mode' = 'earliest-offset'",
        "'scan.startup.mode' = 'group-offsets'",
      ),
    );
    const ts = overrideStartup(SQL, plan, { mode: "timestamp", timestampMillis: 1700000000000 });
    expect(ts).toContain("'scan.startup.mode' = 'timestamp',");
    expect(ts).toContain(
      "'format' = 'csv',\n  'scan.startup.timestamp-millis' = '1700000000000'\n);\nCREATE TABLE snk",
    );
    const after = validateScript(ts);
    expect(after.diagnostics).toEqual([]);
    const source = summarizeDeploy(after.plan!)[0].sources[0];
    expect(source.startupMode).toBe("timestamp");
  });
  it("summarizes sources, sinks, delivery guarantee and checkpoint interval", () => {
    expect(summarizeDeploy(plan)).toEqual([
      {
        name: "insert-into_default_catalog.default_database.snk",
        parallelism: undefined,
        checkpointIntervalMs: 10000,
        sources: [
          {
            table: "src",
            connector: "kafka",
            topics: ["in"],
            topicPattern: undefined,
            startupMode: "earliest-offset",
            groupId: "g",
            startMovable: true,
          },
        ],
        sinks: [
          {
            table: "snk",
            connector: "kafka",
            topics: ["out"],
            deliveryGuarantee: "exactly-once",
            partitioner: "default",
          },
        ],
      },
    ]);
  });
});
