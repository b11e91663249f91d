/**
 * Where a secret may go: the bootstrap servers it was created for. A value is resolved only for
 * a Kafka table (or a saved cluster) whose every bootstrap address is in the secret's scope, so a
 * script cannot send a stored password to a server of its author's choosing. Browser-safe.
 */
import {
  formatAddress,
  parseBootstrapAddresses,
  type Address,
} from "@/lib/kafka/diagnostics/addresses";

/** `host:port` with the host lower-cased (DNS names are case-insensitive), sorted, unique. */
export function normalizeScope(servers: string | readonly string[]): string[] {
  return [...new Set(parseBootstrapAddresses(servers).map(normalizeAddress))].sort();
}

function normalizeAddress(a: Address): string {
  return formatAddress({ host: a.host.toLowerCase(), port: a.port });
}

/**
 * The addresses of `bootstrapServers` outside `scope` (all of them when the list is not valid:
 * an address that cannot be read is not one a secret was made for).
 */
export function addressesOutOfScope(bootstrapServers: string, scope: readonly string[]): string[] {
  let addresses: string[];
  try {
    addresses = normalizeScope(bootstrapServers);
  } catch {
    return [bootstrapServers];
  }
  const allowed = new Set(scope);
  return addresses.filter((a) => !allowed.has(a));
}

export class SecretScopeError extends Error {
  constructor(
    readonly secret: string,
    readonly outside: string[],
    readonly scope: readonly string[],
  ) {
    super(
      scope.length === 0
        ? `Secret '${secret}' is not bound to any bootstrap servers, so it is sent nowhere; replace it on the Secrets page naming the bootstrap servers it is for.`
        : `Secret '${secret}' may only be sent to ${scope.join(", ")}, but this table's bootstrap servers include ${outside.join(", ")}; use a secret made for that cluster, or add the servers to the secret's scope on the Secrets page.`,
    );
    this.name = "SecretScopeError";
  }
}
