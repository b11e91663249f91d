import type { PreviewResult } from "./run-preview";

/** The preview as text for a terminal: per sink, the rows and the records with their bytes. */
export function formatPreview(result: PreviewResult, file = "script"): string {
  const out: string[] = [];
  for (const d of result.diagnostics ?? [])
    out.push(`${file}:${d.line}:${d.column}: error: ${d.message}`);
  for (const s of result.sources)
    out.push(`source ${s.source} (${s.connector}): ${s.read} read${s.note ? ` — ${s.note}` : ""}`);
  for (const sink of result.sinks) {
    const topics = sink.topics?.map((t) => `${t.topic}: ${t.partitions} partitions`).join(", ");
    out.push(
      "",
      `sink ${sink.sink} (${sink.connector}${topics ? `; ${topics}` : ""}): ${sink.rows.length} rows`,
    );
    out.push(`  ${sink.columns.map((c) => c.name).join(" | ")}`);
    for (const r of sink.rows) out.push(`  ${r.kind} ${r.cells.join(" | ")}`);
    if (sink.records) {
      out.push(`  records (nothing was written):`);
      sink.records.forEach((r, i) => {
        const part = (b: typeof r.key) =>
          b === null ? "null" : `${JSON.stringify(b.text ?? "")} 0x${b.hex}`;
        out.push(
          `  #${i} ${r.topic}[${r.partition}]${r.timestamp !== null ? ` @${r.timestamp}` : ""} key=${part(r.key)} value=${part(r.value)}` +
            (r.headers.length
              ? ` headers=${r.headers.map((h) => `${h.key}:${h.value?.hex ?? "null"}`).join(",")}`
              : ""),
        );
      });
    }
  }
  if (result.timedOut) out.push("", "The preview stopped at its time limit.");
  if (result.failure)
    out.push(
      "",
      `Failed: ${result.failure.message}`,
      ...result.failure.causes.map((c) => `  caused by: ${c}`),
    );
  return out.join("\n");
}
