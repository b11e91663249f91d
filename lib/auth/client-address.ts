/**
 * The client's address, for the per-address sign-in limit and the session list. It comes from
 * the TCP socket, which a client cannot forge: the console's HTTP server
 * (lib/devstack/console-server.ts) writes the peer's address into CLIENT_ADDRESS_HEADER on every
 * request, overwriting any copy the client sent. `X-Forwarded-For` is believed only when that
 * peer is a proxy named in TRUSTED_PROXIES, and then only up to the first hop that is not one.
 */
import { BlockList, isIP } from "node:net";

/** Set by the console's server from the socket; a client-sent copy is dropped there. */
export const CLIENT_ADDRESS_HEADER = "x-tributary-client-address";

/** The address the console's server determined, or "unknown" when the request did not pass it. */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER)?.slice(0, 100) || "unknown";
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is 127.0.0.1. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed.toLowerCase();
}

export interface TrustedProxies {
  has(address: string): boolean;
  /** The entries as given, for the start-up line. */
  readonly entries: readonly string[];
}

/**
 * TRUSTED_PROXIES: comma-separated addresses or CIDR ranges (`10.0.0.0/8`, `::1`) of the reverse
 * proxies in front of the console. Empty or unset: no proxy is trusted. An entry that is neither
 * is an error naming it, so a typo does not silently trust nobody (or everybody).
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split("/");
    const ip = normalizeAddress(address);
    const family = isIP(ip);
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (
      family === 0 ||
      extra !== undefined ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > max
    ) {
      throw new Error(
        `TRUSTED_PROXIES: '${entry}' is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, ::1).`,
      );
    }
    list.addSubnet(ip, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  return {
    entries,
    has(address) {
      const ip = normalizeAddress(address);
      const family = isIP(ip);
      if (family === 0) return false;
      return list.check(ip, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/**
 * The client behind a request: the socket's peer, unless that peer is a trusted proxy — then
 * X-Forwarded-For is read from the right (each proxy appends the address it got the request
 * from), skipping trusted proxies; the first other address is the client. Entries left of it
 * were written by the client itself and are ignored.
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string {
  const socketPeer = peer ? normalizeAddress(peer) : "unknown";
  if (!peer || !trusted.has(socketPeer) || forwardedFor === undefined) return socketPeer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((h) => normalizeAddress(h))
    .filter(Boolean);
  let client = socketPeer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (isIP(hop) === 0) break; // garbage from the client: stop at the last hop we can vouch for
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client.slice(0, 100);
}
