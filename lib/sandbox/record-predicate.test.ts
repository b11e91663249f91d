import { describe, expect, it } from "vitest";
import { compileRecordPredicate } from "./record-predicate";

const record = (value: unknown, extra: object = {}) => ({
  key: "k1",
  value,
  headers: { source: "web" },
  partition: 2,
  offset: 41,
  timestamp: 1_700_000_000_000,
  ...extra,
});

describe("compileRecordPredicate (isolated-vm)", () => {
  it("keeps the records for which the expression is truthy, fields in scope", async () => {
    const p = await compileRecordPredicate(
      'value.amount > 10 && headers.source === "web" && partition === 2',
    );
    try {
      expect(p.test(record({ amount: 11 }))).toBe(true);
      expect(p.test(record({ amount: 9 }))).toBe(false);
      expect(p.test(record({ amount: 11 }, { partition: 1 }))).toBe(false);
    } finally {
      p.dispose();
    }
  });

  it("a record the expression throws on does not match", async () => {
    const p = await compileRecordPredicate("value.nested.deep === 1");
    try {
      expect(p.test(record(null))).toBe(false);
      expect(p.test(record({ nested: { deep: 1 } }))).toBe(true);
    } finally {
      p.dispose();
    }
  });

  it("has no Node.js: require, process and fetch are not there", async () => {
    const p = await compileRecordPredicate(
      "typeof require === 'undefined' && typeof process === 'undefined' && typeof fetch === 'undefined'",
    );
    try {
      expect(p.test(record(1))).toBe(true);
    } finally {
      p.dispose();
    }
  });

  it("refuses an expression that does not compile, saying so", async () => {
    await expect(compileRecordPredicate("value.amount >")).rejects.toThrow(/does not compile/);
  });

  it("stops an endless loop at the time limit", async () => {
    const p = await compileRecordPredicate("(() => { while (true) {} })()", { timeoutMs: 20 });
    try {
      expect(() => p.test(record(1))).toThrow(/longer than 20 ms/);
    } finally {
      p.dispose();
    }
  });

  it("stops an expression that allocates past the memory limit", async () => {
    const p = await compileRecordPredicate(
      "(() => { const a = []; for (;;) a.push(new Array(100000).fill(offset)); })()",
      { memoryMb: 8, timeoutMs: 5000 },
    );
    try {
      expect(() => p.test(record(1))).toThrow(/more than 8 MB|longer than/);
    } finally {
      p.dispose();
    }
  });
});
