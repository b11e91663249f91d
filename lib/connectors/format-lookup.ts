/**
 * The one place the connectors reach into the format registry (lib/formats/registry.ts), so that
 * tests can substitute factories and the registry can change shape without touching validation.
 */
import type { FormatFactory } from "@/lib/formats/format";
import { formatIdentifiers, getFormatFactory } from "@/lib/formats/registry";

export interface FormatLookup {
  get(identifier: string): FormatFactory | undefined;
  identifiers(): string[];
}

export const registryFormatLookup: FormatLookup = {
  get: getFormatFactory,
  identifiers: formatIdentifiers,
};

/** A lookup over a fixed set of factories (for tests and previews). */
export function staticFormatLookup(factories: readonly FormatFactory[]): FormatLookup {
  const byId = new Map(factories.map((f) => [f.identifier, f]));
  return { get: (id) => byId.get(id), identifiers: () => [...byId.keys()] };
}
