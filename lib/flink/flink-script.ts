/**
 * A script as the SQL Gateway executes it: one statement per call, in the script's order, the
 * INSERTs last and together (one EXECUTE STATEMENT SET when there are several, so that they run
 * as one Flink job, as `BEGIN STATEMENT SET` would in Flink's SQL client). EXPLAIN and bare
 * queries are left out: a deployment runs its INSERTs.
 */
import { parseScript } from "@/lib/sql/parser";
import type { SourceSpan } from "@/lib/sql/diagnostic";

export interface GatewayScript {
  /** DDL, SET and RESET statements, in order. */
  setup: string[];
  /** The one statement that submits the job. */
  submit: string;
}

export function gatewayScript(sql: string): GatewayScript {
  const { script } = parseScript(sql);
  const lineStarts = [0];
  for (let i = 0; i < sql.length; i++) if (sql[i] === "\n") lineStarts.push(i + 1);
  const textOf = (span: SourceSpan) =>
    sql.slice(lineStarts[span.line - 1] + span.column - 1, lineStarts[span.endLine - 1] + span.endColumn - 1).trim().replace(/;$/, "");
  const setup: string[] = [];
  const inserts: string[] = [];
  for (const statement of script.statements) {
    switch (statement.kind) {
      case "CreateTable":
      case "CreateView":
      case "Set":
      case "Reset":
        setup.push(textOf(statement.span));
        break;
      case "Insert":
        inserts.push(textOf(statement.span));
        break;
      case "StatementSet":
        for (const insert of statement.inserts) inserts.push(textOf(insert.span));
        break;
      default:
        break;
    }
  }
  if (inserts.length === 0) throw new Error("The script has no INSERT INTO statement, so there is no job to submit.");
  const submit =
    inserts.length === 1
      ? inserts[0]
      : `EXECUTE STATEMENT SET\nBEGIN\n${inserts.map((i) => `${i};`).join("\n")}\nEND`;
  return { setup, submit };
}
