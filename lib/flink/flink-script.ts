/**
 * A script as the SQL Gateway executes it: one statement per call, in the script's order, the
 * INSERTs last and together (one EXECUTE STATEMENT SET when there are several, so that they run
 * as one Flink job, as `BEGIN STATEMENT SET` would in Flink's SQL client). EXPLAIN, SHOW and bare
 * queries are left out: a job runs its INSERTs. Statements are cut at `;` tokens (the
 * lexer skips strings and comments), not parsed: Flink parses them, including SQL Tributary's own
 * parser does not know yet. ADD JAR statements are left out too: the JARs they name are the job's
 * attached resources (`tributary run` attaches them), which the Flink job runtime ADDs JAR itself
 * from copies the cluster can read (flink-jars.ts).
 */
import { tokenize, type Token } from "@/lib/sql/lexer";

export interface GatewayScript {
  /** DDL, SET, RESET, USE and other non-query statements, in order. */
  setup: string[];
  /** The one statement that submits the job. */
  submit: string;
}

const SKIPPED = new Set(["EXPLAIN", "SELECT", "WITH", "VALUES", "SHOW", "DESCRIBE", "DESC", "ADD"]);

export function gatewayScript(sql: string): GatewayScript {
  const { tokens } = tokenize(sql);
  const statements: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === "eof") break;
    if (t.kind === "op" && t.value === ";") statements.push([]);
    else statements.at(-1)!.push(t);
  }
  const textOf = (ts: Token[]) => sql.slice(ts[0].start, ts.at(-1)!.end);
  const words = (ts: Token[], n: number) =>
    ts
      .slice(0, n)
      .map((t) => t.upper)
      .join(" ");

  const setup: string[] = [];
  const inserts: string[] = [];
  let inSet = false;
  for (let ts of statements) {
    if (ts.length === 0) continue;
    if (words(ts, 3) === "BEGIN STATEMENT SET") {
      inSet = true;
      continue;
    }
    if (words(ts, 4) === "EXECUTE STATEMENT SET BEGIN") {
      inSet = true;
      ts = ts.slice(4);
    }
    if (inSet && words(ts, 1) === "END") {
      inSet = false;
      continue;
    }
    const head = ts[0].upper;
    if (head === "INSERT") inserts.push(textOf(ts));
    else if (!inSet && !SKIPPED.has(head)) setup.push(textOf(ts));
  }
  if (inserts.length === 0)
    throw new Error("The script has no INSERT INTO statement, so there is no job to submit.");
  const submit =
    inserts.length === 1
      ? inserts[0]
      : `EXECUTE STATEMENT SET\nBEGIN\n${inserts.map((i) => `${i};`).join("\n")}\nEND`;
  return { setup, submit };
}
