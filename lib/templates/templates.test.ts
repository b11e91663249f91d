import { describe, expect, it } from "vitest";
import { validateScript } from "@/lib/sql/validate";
import { DRAFT_TEMPLATES, templateSql } from "./templates";

describe("draft templates", () => {
  it.each(DRAFT_TEMPLATES.map((t) => [t.id, t] as const))(
    "%s validates and names its topics",
    (_id, t) => {
      const sql = templateSql(t, "broker:9092");
      const classes =
        t.id === "custom-partitioner" ? ["org.mycompany.RegionPartitioner"] : undefined;
      const result = validateScript(sql, { attachedPartitionerClasses: classes });
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.plan?.jobs.length).toBe(1);
      for (const topic of t.topics) expect(sql).toContain(`'topic' = '${topic.name}'`);
      expect(sql).not.toContain("localhost:9092");
    },
  );
  it("the SASL templates use the shaded JAAS class names", () => {
    const sasl = DRAFT_TEMPLATES.filter((t) => t.id.startsWith("sasl"));
    expect(sasl.map((t) => t.id)).toEqual(["sasl-plaintext", "sasl-ssl"]);
    expect(sasl[0].sql).toContain(
      "'properties.sasl.jaas.config' = 'org.apache.flink.kafka.shaded.org.apache.kafka.common.security.plain.PlainLoginModule required",
    );
    expect(sasl[1].sql).toContain(
      "org.apache.flink.kafka.shaded.org.apache.kafka.common.security.scram.ScramLoginModule",
    );
  });
});
