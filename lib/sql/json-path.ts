/**
 * The JSON path subset Flink users write in JSON_VALUE / JSON_QUERY / JSON_EXISTS (`lax`/`strict`
 * `$`, `.key`, `['key']`, `[n]`), walked over a parsed document. Browser-safe.
 */

/** The node at `path`, `null` for a JSON null, undefined when the document or path fails. */
export function jsonPathNode(json: string, path: string): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return undefined;
  }
  const m = /^\s*(?:(lax|strict)\s+)?\$(.*)$/.exec(path);
  if (!m) return undefined;
  let rest = m[2];
  let cur: unknown = doc;
  while (rest.length > 0) {
    let step: RegExpExecArray | null;
    if (
      (step = /^\.([A-Za-z_$][\w$]*)/.exec(rest)) ||
      (step = /^\.?\[\s*'([^']*)'\s*\]/.exec(rest)) ||
      (step = /^\.?\[\s*"([^"]*)"\s*\]/.exec(rest))
    ) {
      if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
      cur = (cur as Record<string, unknown>)[step[1]];
    } else if ((step = /^\[\s*(\d+)\s*\]/.exec(rest))) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[Number(step[1])];
    } else return undefined;
    if (cur === undefined) return undefined;
    rest = rest.slice(step[0].length);
  }
  return cur;
}
