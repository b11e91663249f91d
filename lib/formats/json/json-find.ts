/** Jackson's JsonNode.findValue: the first value of a field with that name, searched depth-first. */
import type { JsonNode } from "./json-node";

export function findValue(node: JsonNode | undefined, name: string): JsonNode | undefined {
  if (node === undefined) return undefined;
  if (node.type === "object") {
    const direct = node.fields.get(name);
    if (direct !== undefined) return direct;
    for (const child of node.fields.values()) {
      const found = findValue(child, name);
      if (found !== undefined) return found;
    }
  } else if (node.type === "array") {
    for (const item of node.items) {
      const found = findValue(item, name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
