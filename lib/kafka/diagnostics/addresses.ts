/**
 * bootstrap.servers as a list of host:port targets, with Kafka's own rules and message
 * (ClientUtils.parseAndValidateAddresses: "Invalid url in bootstrap.servers: …"). Browser-safe, so
 * the console's form and the API's input schema check addresses the same way.
 */

export interface Address {
  host: string;
  port: number;
}

export class InvalidBootstrapServersError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidBootstrapServersError";
  }
}

/**
 * `host:port`, `[ipv6]:port`, or either after a `protocol://` (Kafka's HOST_PORT_PATTERN accepts
 * "host:port and protocol://host:port"); throws naming the culprit, as Kafka does.
 */
export function parseAddress(text: string): Address {
  const trimmed = text.trim();
  const bare = trimmed.replace(/^[A-Za-z][A-Za-z0-9_+.-]*:\/\//, "");
  const bracketed = /^\[([0-9A-Fa-f:.]+)\]:(\d+)$/.exec(bare);
  const plain = /^([^\s:[\]/]+):(\d+)$/.exec(bare);
  const match = bracketed ?? plain;
  const port = match ? Number(match[2]) : NaN;
  if (!match || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidBootstrapServersError(
      `Invalid url in bootstrap.servers: ${trimmed} (expected host:port, e.g. kafka-1:9092, or [ipv6]:port)`,
    );
  }
  return { host: match[1], port };
}

export function parseBootstrapAddresses(servers: string | readonly string[]): Address[] {
  const items = (
    typeof servers === "string" ? servers.split(",") : servers.flatMap((s) => s.split(","))
  )
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (items.length === 0) {
    throw new InvalidBootstrapServersError(
      "No resolvable bootstrap urls given in bootstrap.servers",
    );
  }
  return items.map(parseAddress);
}

export function formatAddress({ host, port }: Address): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
