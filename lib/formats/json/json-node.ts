/**
 * A JSON tree that keeps number text (so BIGINT and DECIMAL survive decoding exactly), parsed
 * as Flink's JSON formats configure Jackson (strict JSON except that unescaped control chars are
 * allowed in strings; duplicate keys: last value wins at the first key's position; trailing
 * content after the root value ignored), and Jackson's string escaping
 * for output. Browser-safe.
 */
import { javaDoubleToString } from "@/lib/formats/common/java-number";

export type JsonNode =
  | { type: "null" }
  | { type: "boolean"; value: boolean }
  | { type: "number"; text: string; integral: boolean }
  | { type: "string"; value: string }
  | { type: "array"; items: JsonNode[] }
  | { type: "object"; fields: Map<string, JsonNode> };

export class JsonSyntaxError extends Error {}

export function parseJson(text: string): JsonNode {
  const p = new Parser(text);
  p.skipWs();
  if (p.pos >= text.length) throw new JsonSyntaxError("No content to map due to end-of-input");
  return p.value();
}

/**
 * The JSON value that starts at `pos` (no whitespace before it) and the position after it; throws
 * JsonSyntaxError as parseJson does.
 */
export function parseJsonValueAt(text: string, pos: number): { node: JsonNode; end: number } {
  const p = new Parser(text);
  p.pos = pos;
  const node = p.value();
  return { node, end: p.pos };
}

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  skipWs(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else break;
    }
  }

  private fail(what: string): never {
    const found = this.pos < this.s.length ? `'${this.s[this.pos]}'` : "end-of-input";
    throw new JsonSyntaxError(`Unexpected ${found} at position ${this.pos}: ${what}`);
  }

  value(): JsonNode {
    const c = this.s[this.pos];
    switch (c) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return { type: "string", value: this.string() };
      case "t":
        return this.literal("true", { type: "boolean", value: true });
      case "f":
        return this.literal("false", { type: "boolean", value: false });
      case "n":
        return this.literal("null", { type: "null" });
      default:
        if (c === "-" || (c >= "0" && c <= "9")) return this.number();
        return this.fail("expected a JSON value");
    }
  }

  private literal(word: string, node: JsonNode): JsonNode {
    if (this.s.startsWith(word, this.pos)) {
      this.pos += word.length;
      return node;
    }
    return this.fail(`expected '${word}'`);
  }

  private number(): JsonNode {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(
      this.s.slice(this.pos, this.pos + 1100),
    );
    if (!m) this.fail("invalid number");
    this.pos += m![0].length;
    return { type: "number", text: m![0], integral: m![2] === undefined && m![3] === undefined };
  }

  private string(): string {
    const s = this.s;
    this.pos++;
    let out = "";
    let start = this.pos;
    for (;;) {
      if (this.pos >= s.length) this.fail("unterminated string");
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        out += s.slice(start, this.pos);
        this.pos++;
        return out;
      }
      if (c === 0x5c) {
        out += s.slice(start, this.pos);
        const e = s[this.pos + 1];
        this.pos += 2;
        switch (e) {
          case '"':
            out += '"';
            break;
          case "\\":
            out += "\\";
            break;
          case "/":
            out += "/";
            break;
          case "b":
            out += "\b";
            break;
          case "f":
            out += "\f";
            break;
          case "n":
            out += "\n";
            break;
          case "r":
            out += "\r";
            break;
          case "t":
            out += "\t";
            break;
          case "u": {
            const hex = s.slice(this.pos, this.pos + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("invalid \\u escape");
            out += String.fromCharCode(parseInt(hex, 16));
            this.pos += 4;
            break;
          }
          default:
            this.pos--;
            this.fail("unrecognized character escape");
        }
        start = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private array(): JsonNode {
    this.pos++;
    const items: JsonNode[] = [];
    this.skipWs();
    if (this.s[this.pos] === "]") {
      this.pos++;
      return { type: "array", items };
    }
    for (;;) {
      this.skipWs();
      items.push(this.value());
      this.skipWs();
      const c = this.s[this.pos++];
      if (c === "]") return { type: "array", items };
      if (c !== ",") {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
    }
  }

  private object(): JsonNode {
    this.pos++;
    const fields = new Map<string, JsonNode>();
    this.skipWs();
    if (this.s[this.pos] === "}") {
      this.pos++;
      return { type: "object", fields };
    }
    for (;;) {
      this.skipWs();
      if (this.s[this.pos] !== '"') this.fail("expected a field name");
      const key = this.string();
      this.skipWs();
      if (this.s[this.pos] !== ":") this.fail("expected ':'");
      this.pos++;
      this.skipWs();
      fields.set(key, this.value());
      this.skipWs();
      const c = this.s[this.pos++];
      if (c === "}") return { type: "object", fields };
      if (c !== ",") {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
  }
}

const HEX = "0123456789ABCDEF";

/** A JSON string literal as Jackson writes it: `"` `\` and control chars escaped, the rest verbatim. */
export function quoteJson(value: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue;
    out += value.slice(start, i);
    start = i + 1;
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += "\\\\";
        break;
      case 0x08:
        out += "\\b";
        break;
      case 0x09:
        out += "\\t";
        break;
      case 0x0c:
        out += "\\f";
        break;
      case 0x0a:
        out += "\\n";
        break;
      case 0x0d:
        out += "\\r";
        break;
      default:
        out += "\\u00" + HEX[c >> 4] + HEX[c & 15];
    }
  }
  return out + value.slice(start) + '"';
}

/** Jackson's text of a node (JsonNode.asText()): numbers as Java prints the parsed value. */
export function nodeText(node: JsonNode): string {
  switch (node.type) {
    case "string":
      return node.value;
    case "number":
      return node.integral ? integralText(node.text) : javaDoubleToString(Number(node.text));
    case "boolean":
      return node.value ? "true" : "false";
    case "null":
      return "null";
    default:
      return "";
  }
}

function integralText(text: string): string {
  return BigInt(text).toString();
}

/** Compact JSON of a node, as JsonNode.toString() writes it. */
export function stringifyNode(node: JsonNode): string {
  switch (node.type) {
    case "null":
      return "null";
    case "boolean":
      return node.value ? "true" : "false";
    case "number":
      return nodeText(node);
    case "string":
      return quoteJson(node.value);
    case "array":
      return "[" + node.items.map(stringifyNode).join(",") + "]";
    case "object": {
      const parts: string[] = [];
      for (const [k, v] of node.fields) parts.push(quoteJson(k) + ":" + stringifyNode(v));
      return "{" + parts.join(",") + "}";
    }
  }
}
