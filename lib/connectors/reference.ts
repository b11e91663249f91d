/**
 * The README's connector and format reference, rendered from the registries: what a reader finds
 * there is what the validator, completion and runtime read (lib/connectors/reference.test.ts keeps
 * the README's copy equal to this). Browser-safe, pure.
 */
import type { ConfigOption, OptionType } from "@/lib/options/config-option";
import { getFormatFactory, formatIdentifiers } from "@/lib/formats/registry";
import { typeToString } from "@/lib/types/logical-type";
import { connectorIdentifiers, getConnectorFactory } from "./registry";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
const code = (text: string) => `\`${text}\``;

function typeName(t: OptionType): string {
  return t.kind === "enum" ? t.values.map(code).join(" / ") : t.kind;
}

function optionRows(
  owner: string,
  required: readonly ConfigOption[],
  optional: readonly ConfigOption[],
): string[] {
  return [
    ...required.map((o) => ({ o, required: true })),
    ...optional.map((o) => ({ o, required: false })),
  ].map(
    ({ o, required }) =>
      `| ${owner} | ${code(o.key)}${required ? " (required)" : ""} | ${typeName(o.type)} | ${o.defaultValue !== undefined && o.defaultValue !== "" ? code(o.defaultValue) : "—"} | ${o.since ?? "—"} | ${cell(o.description)}${o.fallbackKeys?.length ? ` (also: ${o.fallbackKeys.map(code).join(", ")})` : ""}${deprecationNote(o)}${(o.changes ?? []).map((c) => ` Since ${c.since}: ${cell(c.change)}`).join("")} |`,
  );
}

function deprecationNote(o: ConfigOption): string {
  const d = o.deprecated;
  if (!d) return "";
  return ` **Deprecated${d.since ? ` since ${d.since}` : ""}:** ${cell(d.message)}`;
}

/** A connector's changelog mode, or its value format's when that decides it. */
function changelogOf(id: string): string {
  const c = getConnectorFactory(id)!;
  const lookup = { get: getFormatFactory, identifiers: formatIdentifiers };
  const byFormat = new Set(
    formatIdentifiers().map((format) =>
      c.changelogMode(
        new Map([
          ["connector", id],
          ["format", format],
        ]),
        lookup,
      ),
    ),
  );
  return byFormat.size > 1
    ? `its value format's (${[...byFormat].join(" or ")})`
    : c.changelogMode(new Map([["connector", id]]), lookup);
}

export function connectorReference(): string {
  const summary = [
    "| connector | roles | changelog mode | readable metadata | writable metadata |",
    "|---|---|---|---|---|",
    ...connectorIdentifiers().map((id) => {
      const c = getConnectorFactory(id)!;
      const m = c.metadata;
      const keys = (
        list: ReadonlyArray<{ key: string; type: Parameters<typeof typeToString>[0] }>,
      ) => list.map((k) => `${code(k.key)} ${typeToString(k.type)}`).join(", ") || "—";
      return `| ${code(id)} | ${c.roles.join(", ")} | ${changelogOf(id)} | ${m ? keys(m.readable) + (m.valueFormatMetadata ? ", and the value format's as `value.<key>`" : "") : "—"} | ${m ? keys(m.writable(new Map())) + (m.writableNote ? `; ${m.writableNote}` : "") : "—"} |`;
    }),
  ];
  const options = [
    "| connector | option | type | default | since | description |",
    "|---|---|---|---|---|---|",
    ...connectorIdentifiers().flatMap((id) => {
      const c = getConnectorFactory(id)!;
      return optionRows(code(id), c.requiredOptions, c.optionalOptions);
    }),
  ];
  return [...summary, "", ...options].join("\n");
}

export function formatReference(): string {
  const summary = [
    "| format | changelog | readable metadata (`value.<key>`) |",
    "|---|---|---|",
    ...formatIdentifiers().map((id) => {
      const f = getFormatFactory(id)!;
      const meta =
        f.readableMetadata?.map((k) => `${code(k.key)} ${typeToString(k.type)}`).join(", ") ?? "—";
      return `| ${code(id)} | ${f.changelogMode} | ${meta} |`;
    }),
  ];
  const options = [
    "| format | option (after the `<format>.` prefix) | type | default | since | description |",
    "|---|---|---|---|---|---|",
    ...formatIdentifiers().flatMap((id) => {
      const f = getFormatFactory(id)!;
      return optionRows(code(id), f.requiredOptions, f.optionalOptions);
    }),
  ];
  return [...summary, "", ...options].join("\n");
}

export const REFERENCE_START =
  "<!-- connector-format-reference:start (generated: lib/connectors/reference.ts) -->";
export const REFERENCE_END = "<!-- connector-format-reference:end -->";

export function referenceBlock(): string {
  return [
    REFERENCE_START,
    "",
    "#### Connectors",
    "",
    connectorReference(),
    "",
    "#### Formats",
    "",
    formatReference(),
    "",
    REFERENCE_END,
  ].join("\n");
}
