/**
 * Which addresses the console serves. A request whose Host is not one of them is refused (DNS
 * rebinding), and a state-changing request from a browser must come from one of them (CSRF).
 *
 * The console serves its own address — localhost, 127.0.0.1 and [::1] at PORT, and HOSTNAME when
 * it listens on a named address — and TRIBUTARY_PUBLIC_URL (e.g. https://tributary.example.com,
 * behind a reverse proxy), the address users reach it at and the one its links name.
 */
import { config } from "@/lib/config";

export interface ConsoleOrigins {
  /** Host header values (host:port) the console answers. */
  hosts: Set<string>;
  /** Origins (scheme://host:port) a browser request may come from. */
  origins: Set<string>;
  /** The URL printed and used in links (setup link). */
  publicUrl: string;
  /** True when users reach the console over https (cookies get Secure). */
  secure: boolean;
}

export function consoleOrigins(
  env: Record<string, string | undefined> = process.env,
): ConsoleOrigins {
  const hosts = new Set<string>();
  const origins = new Set<string>();
  const add = (url: URL) => {
    hosts.add(url.host);
    origins.add(url.origin);
  };
  // The console's own loopback addresses always: `tributary start` and the tests reach it there,
  // and a rebinding page cannot send them as its Host.
  const port = env === process.env ? config.port() : Number(env.PORT ?? 3000);
  const names = ["localhost", "127.0.0.1", "[::1]"];
  const listen = env.HOSTNAME?.trim();
  if (listen && listen !== "0.0.0.0" && listen !== "::" && !names.includes(listen)) {
    names.push(listen.includes(":") ? `[${listen}]` : listen);
  }
  for (const name of names) add(new URL(`http://${name}:${port}`));
  const publicUrl = env.TRIBUTARY_PUBLIC_URL?.trim();
  if (!publicUrl) return { hosts, origins, publicUrl: `http://localhost:${port}`, secure: false };
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(
      `TRIBUTARY_PUBLIC_URL must be a URL like https://tributary.example.com, but is '${publicUrl}'.`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`TRIBUTARY_PUBLIC_URL must be an http or https URL, but is '${publicUrl}'.`);
  }
  add(url);
  return { hosts, origins, publicUrl: url.origin, secure: url.protocol === "https:" };
}

/** The Host a request was sent to: its Host header, else its URL's host. */
export function requestHost(request: Request): string {
  return (request.headers.get("host") ?? new URL(request.url).host).toLowerCase();
}
