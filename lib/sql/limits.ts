/**
 * The bounds of a script, the same for the API, the CLI and the editor (all of them validate
 * through lib/sql/validate.ts): past them the answer is a diagnostic at the place, never a stack
 * overflow or an unbounded wait. Browser-safe.
 */

/** A script can be long, but not unbounded: 1 MiB of SQL is far beyond any real job. */
export const MAX_SQL_LENGTH = 1_048_576;

/**
 * How deeply brackets, CASE, NOT, signs, subqueries and types may nest while parsing. Calcite's
 * generated parser has no such rule but overflows the JVM's stack in the low thousands; real
 * scripts stay under a few dozen.
 */
export const MAX_NESTING = 200;

/**
 * How deep a statement's syntax tree may be, counted in nodes: an operator chain such as a
 * 150,000-term `1+1+…` parses without recursion but is a tree that deep, which every later pass
 * (type checking, planning, evaluation) walks recursively.
 */
export const MAX_TREE_DEPTH = 1_000;

export function sqlTooLongMessage(length: number): string {
  return `The script is ${length.toLocaleString("en-US")} characters long; at most ${MAX_SQL_LENGTH.toLocaleString("en-US")} are accepted.`;
}

export const NESTING_MESSAGE = `The expression is nested too deeply: more than ${MAX_NESTING} levels of brackets, CASE, NOT, signs, subqueries or types. Split it up, e.g. into a view.`;

export const TREE_DEPTH_MESSAGE = `The statement is too deep: an operator chain or nesting of more than ${MAX_TREE_DEPTH} levels. Split it up, e.g. with a view or a function such as CONCAT.`;

/** The depth of a syntax tree in nodes (objects with a `kind`), measured without recursion. */
export function treeDepth(root: unknown, stopAt: number = MAX_TREE_DEPTH + 1): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    const d = typeof (value as { kind?: unknown }).kind === "string" ? depth + 1 : depth;
    if (d > max) {
      max = d;
      if (max >= stopAt) return max;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (child !== null && typeof child === "object") stack.push([child, d]);
    }
  }
  return max;
}
