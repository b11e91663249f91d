/**
 * Parses `sasl.jaas.config` as Kafka's JaasConfig does (java.io.StreamTokenizer: words, quoted
 * strings with `"` or `'`, `//` and `/* *\/` comments, entries ended by `;`), and knows which
 * login module goes with which SASL mechanism — including the relocated class names of Flink's
 * SQL fat jar (`org.apache.flink.kafka.shaded.org.apache.kafka...`). Error messages never contain
 * option values, which hold passwords. Browser-safe.
 */

export type ControlFlag = "required" | "requisite" | "sufficient" | "optional";

export interface JaasEntry {
  loginModule: string;
  controlFlag: ControlFlag;
  options: Record<string, string>;
}

export class JaasParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JaasParseError";
  }
}

type Token =
  | { kind: "word"; text: string }
  | { kind: "quoted"; text: string }
  | { kind: "number" }
  | { kind: "char"; char: string };

function isWordStart(c: string): boolean {
  return /[A-Za-z_$\-\u00a0-\u00ff]/.test(c);
}

function isWordPart(c: string): boolean {
  return /[A-Za-z0-9_$\-.\u00a0-\u00ff]/.test(c);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c <= " ") {
      i++;
    } else if (text.startsWith("//", i)) {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"' || c === "'") {
      let value = "";
      i++;
      while (i < text.length && text[i] !== c && text[i] !== "\n" && text[i] !== "\r") {
        if (text[i] === "\\" && i + 1 < text.length) {
          const next = text[i + 1];
          value += next === "n" ? "\n" : next === "t" ? "\t" : next === "r" ? "\r" : next;
          i += 2;
        } else {
          value += text[i++];
        }
      }
      i++; // closing quote (StreamTokenizer also ends a quoted string at a line end)
      tokens.push({ kind: "quoted", text: value });
    } else if (/[0-9.]/.test(c)) {
      // StreamTokenizer.parseNumbers: an unquoted token starting with a digit is a number, which
      // JaasConfig rejects as a value ("Value not specified for key ...").
      while (i < text.length && /[0-9.]/.test(text[i])) i++;
      tokens.push({ kind: "number" });
    } else if (isWordStart(c)) {
      const start = i;
      while (i < text.length && isWordPart(text[i])) i++;
      tokens.push({ kind: "word", text: text.slice(start, i) });
    } else {
      tokens.push({ kind: "char", char: c });
      i++;
    }
  }
  return tokens;
}

const sval = (t: Token | undefined): string | undefined =>
  t && (t.kind === "word" || t.kind === "quoted") ? t.text : undefined;

/** Kafka JaasConfig's parse, with its exception messages. */
export function parseJaasConfig(text: string): JaasEntry[] {
  const tokens = tokenize(text);
  const entries: JaasEntry[] = [];
  let i = 0;
  while (i < tokens.length) {
    const loginModule = sval(tokens[i++]) ?? "";
    if (i >= tokens.length) {
      throw new JaasParseError("Login module control flag not specified in JAAS config");
    }
    const flag = sval(tokens[i++]);
    if (flag === undefined) {
      throw new JaasParseError("Login module control flag is not available in the JAAS config");
    }
    const controlFlag = flag.toLowerCase();
    if (!["required", "requisite", "sufficient", "optional"].includes(controlFlag)) {
      throw new JaasParseError(`Invalid login module control flag '${flag}' in JAAS config`);
    }
    const options: Record<string, string> = {};
    let terminated = false;
    while (i < tokens.length) {
      const t = tokens[i++];
      if (t.kind === "char" && t.char === ";") {
        terminated = true;
        break;
      }
      const key = sval(t) ?? "null";
      const eq = tokens[i++];
      const value = tokens[i++];
      if (!(eq?.kind === "char" && eq.char === "=") || sval(value) === undefined) {
        throw new JaasParseError(`Value not specified for key '${key}' in JAAS config`);
      }
      options[key] = sval(value)!;
    }
    if (!terminated) throw new JaasParseError("JAAS config entry not terminated by semi-colon");
    entries.push({ loginModule, controlFlag: controlFlag as ControlFlag, options });
  }
  if (entries.length === 0) throw new JaasParseError("Login module not specified in JAAS config");
  return entries;
}

const KAFKA_SECURITY = "org.apache.kafka.common.security.";
const FLINK_SHADED = "org.apache.flink.kafka.shaded.";

/** The SASL mechanisms a login module serves (Kafka's own and Flink's relocated spellings). */
export function mechanismsForLoginModule(loginModule: string): readonly string[] {
  const unshaded = loginModule.startsWith(FLINK_SHADED)
    ? loginModule.slice(FLINK_SHADED.length)
    : loginModule;
  switch (unshaded) {
    case `${KAFKA_SECURITY}plain.PlainLoginModule`:
      return ["PLAIN"];
    case `${KAFKA_SECURITY}scram.ScramLoginModule`:
      return ["SCRAM-SHA-256", "SCRAM-SHA-512"];
    case `${KAFKA_SECURITY}oauthbearer.OAuthBearerLoginModule`:
      return ["OAUTHBEARER"];
    case "com.sun.security.auth.module.Krb5LoginModule":
      return ["GSSAPI"];
    default:
      return [];
  }
}

/** The login module class (Kafka's spelling) that a mechanism needs, for messages. */
export function loginModuleForMechanism(mechanism: string): string | undefined {
  switch (mechanism) {
    case "PLAIN":
      return `${KAFKA_SECURITY}plain.PlainLoginModule`;
    case "SCRAM-SHA-256":
    case "SCRAM-SHA-512":
      return `${KAFKA_SECURITY}scram.ScramLoginModule`;
    case "OAUTHBEARER":
      return `${KAFKA_SECURITY}oauthbearer.OAuthBearerLoginModule`;
    case "GSSAPI":
      return "com.sun.security.auth.module.Krb5LoginModule";
    default:
      return undefined;
  }
}

/** Replaces the values of password-like JAAS options with ******, keeping the rest readable. */
export function redactJaasConfig(text: string): string {
  return text.replace(
    /((?<![\w$.-])[\w$.-]*(?:password|secret|token)[\w$.-]*\s*=\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s;]+)/gi,
    (_m, head: string, value: string) => {
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : "";
      return `${head}${quote}******${quote}`;
    },
  );
}
