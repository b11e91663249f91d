import { describe, expect, it } from "vitest";
import { CORPUS } from "./corpus/cases";
import { PRELUDE, PRELUDE_LINES } from "./corpus/prelude";
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
        expect(errors.length, shown).toBeGreaterThan(0);
        for (const e of errors)
          expect(e.message, shown).toMatch(
            new RegExp(
              `^${c.engine.replace(/[()/]/g, "\\$&")} is not supported by the embedded engine yet`,
            ),
          );
        expect(plan, "nothing the embedded engine cannot run is deployable").toBeUndefined();
        expect(explainable, "Flink would plan it, so it is explained").toBeDefined();
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
