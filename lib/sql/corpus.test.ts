import { describe, expect, it } from "vitest";
import { CORPUS } from "./testing/corpus/cases";
import { PRELUDE, PRELUDE_LINES } from "./testing/corpus/prelude";
import { validateScript } from "./validate";

describe("SQL corpus", () => {
  it("holds at least 150 cases", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  for (const c of CORPUS) {
    it(c.name, () => {
      const sql = c.withPrelude ? `${PRELUDE}\n${c.sql}` : c.sql;
      const offset = c.withPrelude ? PRELUDE_LINES : 0;
      const { diagnostics, plan, explainable } = validateScript(sql);
      const errors = diagnostics.filter((d) => d.severity === "error");
      // The validator reports each problem once; nothing filters repeats out afterwards.
      const keys = diagnostics.map((d) => `${d.line}:${d.column}:${d.severity}:${d.message}`);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
      if (c.warning) {
        const warnings = diagnostics.filter((d) => d.severity === "warning").map((d) => d.message);
        expect(
          warnings.some((w) => w.includes(c.warning!)),
          `expected a warning naming "${c.warning}"; got ${JSON.stringify(warnings)}`,
        ).toBe(true);
      }
      const shown = JSON.stringify(
        errors.map((d) => `${d.line - offset}:${d.column} ${d.message}`),
        null,
        1,
      );
      if (c.engine) {
        expect(errors, shown).toEqual([]);
        const note = new RegExp(
          `^${c.engine.replace(/[()/]/g, "\\$&")} is not run by the embedded engine: this job runs on the Flink engine`,
        );
        expect(
          diagnostics.some((d) => d.severity === "warning" && note.test(d.message)),
          "the validator says the job runs on Flink",
        ).toBe(true);
        expect(plan, "Flink runs it, so it is deployable").toBeDefined();
        expect(explainable).toBeDefined();
        return;
      }
      if (!c.error) {
        expect(errors, shown).toEqual([]);
        if (/INSERT|BEGIN|EXECUTE/.test(c.sql) && !/^EXPLAIN/m.test(c.sql))
          expect(plan, "a valid job has a plan").toBeDefined();
        return;
      }
      const hit = errors.find(
        (d) => d.line - offset === c.error!.line && d.message.includes(c.error!.culprit),
      );
      expect(
        hit,
        `expected an error on line ${c.error.line} naming "${c.error.culprit}"; got ${shown}`,
      ).toBeDefined();
      expect(plan).toBeUndefined();
    });
  }
});
