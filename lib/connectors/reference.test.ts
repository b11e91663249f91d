import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REFERENCE_END, REFERENCE_START, referenceBlock } from "./reference";

const README = path.resolve(import.meta.dirname, "../../README.md");

describe("the README's connector and format reference", () => {
  it("is the registries' (UPDATE_README=1 rewrites it)", () => {
    const text = readFileSync(README, "utf8");
    const start = text.indexOf(REFERENCE_START);
    const end = text.indexOf(REFERENCE_END);
    expect(start, "the README has the reference block").toBeGreaterThan(0);
    const current = text.slice(start, end + REFERENCE_END.length);
    const expected = referenceBlock();
    if (current !== expected && process.env.UPDATE_README === "1")
      writeFileSync(README, text.replace(current, expected));
    else expect(current).toBe(expected);
  });

  it("names every option of a descriptor", () => {
    const block = referenceBlock();
    for (const key of [
      "sink.partitioner",
      "scan.startup.mode",
      "field-delimiter",
      "number-of-rows",
    ])
      expect(block).toContain(`\`${key}\``);
    expect(block).toContain("| `upsert-kafka` | source, sink | upsert |");
  });
});
