/** Format options as the message browser edits them (browser-safe, no dependencies). */

/** One `name=value` a line. */
export function optionsToText(options: Record<string, string> | undefined): string {
  return Object.entries(options ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}

/** The browser's option lines back to options; a line without `=` is ignored. */
export function optionsFromText(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
