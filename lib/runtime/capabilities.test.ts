import { describe, expect, it } from "vitest";
import {
  EMBEDDED_ENGINE,
  notSupportedMessage,
  runsOnFlinkMessage,
  unsupportedOperator,
} from "@/lib/sql/engine-capabilities";
import { PRELUDE } from "@/lib/sql/testing/corpus/prelude";
import { validateScript } from "@/lib/sql/validate";
import { findStatefulOperator, statefulRefusal } from "./chain";

/** One capability check: what the embedded engine does not run, the validator sends to Flink. */
describe("validator and runtime share the engine's capabilities", () => {
  const scripts = [
    "INSERT INTO agg_snk SELECT name, COUNT(*) FROM src GROUP BY name;",
    "INSERT INTO win_snk SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;",
    "INSERT INTO snk SELECT id, CAST(window_start AS STRING), age FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE));",
  ];
  for (const sql of scripts) {
    it(`names the same capability: ${sql.slice(0, 60)}…`, () => {
      const { diagnostics, plan } = validateScript(`${PRELUDE}\n${sql}`);
      const query = plan!.jobs[0].inserts[0].query;
      const operator = findStatefulOperator(query)!;
      expect(operator).toBe(unsupportedOperator(query));
      expect(EMBEDDED_ENGINE[operator as keyof typeof EMBEDDED_ENGINE].runs).toBe(false);
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const capability = EMBEDDED_ENGINE[operator as keyof typeof EMBEDDED_ENGINE].capability;
      expect(diagnostics.map((d) => d.message)).toEqual([runsOnFlinkMessage(capability)]);
      expect(statefulRefusal(operator).message).toBe(notSupportedMessage(capability));
    });
  }

  it("passes what the engine runs: projections, filters, VALUES, UNION ALL", () => {
    const { plan } = validateScript(
      `${PRELUDE}\nINSERT INTO snk SELECT id, name, age FROM src WHERE age > 1 UNION ALL SELECT 1, 'x', 2;`,
    );
    expect(plan).toBeDefined();
    expect(findStatefulOperator(plan!.jobs[0].inserts[0].query)).toBeUndefined();
  });

  it("the refusal names exactly what the engine runs, read from the table", () => {
    expect(notSupportedMessage("JOIN")).toBe(
      "JOIN is not supported by the embedded engine yet; it runs table scan, VALUES, projection and filter, watermark assignment, UNION ALL and CROSS JOIN UNNEST between sources and sinks today.",
    );
  });
});
