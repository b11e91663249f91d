import { describe, expect, it } from "vitest";
import { createPartDecoder, rawBytes, splitCsvLine } from "./message-decoding";
import { matchesPlainFilter } from "./message-filter";

const bytes = (s: string) => new TextEncoder().encode(s);

function decoder(spec: Parameters<typeof createPartDecoder>[0]) {
  const d = createPartDecoder(spec, "value", "t");
  if ("error" in d) throw new Error(d.error);
  return d;
}

describe("message decoding", () => {
  it("shows bytes as UTF-8 text when they are, and always as hex", () => {
    expect(rawBytes(bytes("hé"))).toEqual({ text: "hé", hex: "68c3a9", size: 3, truncated: false });
    expect(rawBytes(new Uint8Array([0xff, 0x00]))).toMatchObject({ text: null, hex: "ff00" });
    expect(rawBytes(null)).toBeNull();
  });

  it("decodes json with the format's deserializer when columns are given", () => {
    const d = decoder({ format: "json", columns: "id BIGINT, name STRING, price DECIMAL(10, 2)" });
    const out = d.decode(bytes('{"id": 7, "name": "x", "price": 1.5}'));
    expect(out.decoded).toEqual({ id: 7, name: "x", price: "1.50" });
    expect(out.cells).toEqual({ id: "7", name: "x", price: "1.50" });
    expect(d.decode(bytes("{not json")).error).toBeDefined();
  });

  it("decodes csv with columns (Flink's csv) and without (fields split)", () => {
    const d = decoder({
      format: "csv",
      columns: "a INT, b STRING",
      options: { "field-delimiter": ";" },
    });
    expect(d.decode(bytes("1;two")).decoded).toEqual({ a: 1, b: "two" });
    expect(decoder({ format: "csv" }).decode(bytes('1,"a,b",""')).decoded).toEqual([
      "1",
      "a,b",
      "",
    ]);
    expect(splitCsvLine('x,"say ""hi"""')).toEqual(["x", 'say "hi"']);
  });

  it("avro needs the columns and says so", () => {
    const d = createPartDecoder({ format: "avro" }, "value", "t");
    expect("error" in d && d.error).toContain("needs the columns");
    const bad = createPartDecoder({ format: "json", columns: "id BIGNIT" }, "value", "t");
    expect("error" in bad).toBe(true);
  });

  it("plain text filters look into key, value and headers, case-insensitively", () => {
    const r = {
      partition: 0,
      offset: 1,
      timestamp: 5,
      key: "K-1",
      value: { city: "Berlin" },
      headers: { src: "web" },
    };
    expect(matchesPlainFilter({ text: "berlin" }, r)).toBe(true);
    expect(matchesPlainFilter({ text: "k-1" }, r)).toBe(true);
    expect(matchesPlainFilter({ text: "WEB" }, r)).toBe(true);
    expect(matchesPlainFilter({ text: "paris" }, r)).toBe(false);
    expect(matchesPlainFilter({ timestampFrom: 6 }, r)).toBe(false);
  });
});
