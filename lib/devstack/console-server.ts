/**
 * The console's web process: Next.js's production request handler inside a plain Node HTTP
 * server, so that the client's address comes from the socket. Next's route handlers see only
 * headers, and `X-Forwarded-For` is whatever the client wrote; this server overwrites
 * CLIENT_ADDRESS_HEADER on every request with the socket's peer (or, from a proxy in
 * TRUSTED_PROXIES, the client that proxy names), dropping any copy the client sent.
 *
 *   node --import tsx lib/devstack/console-server.ts -p PORT -H HOST
 *
 * `tributary start` (lib/devstack/start-console.ts) and `npm test` start it instead of `next start`.
 */
import http from "node:http";
import next from "next";
import {
  CLIENT_ADDRESS_HEADER,
  parseTrustedProxies,
  resolveClientAddress,
  type TrustedProxies,
} from "@/lib/auth/client-address";
import { KEEP_ALIVE_TIMEOUT_MS } from "./next-server";

/** Rewrites the request's client address header from its socket (and trusted proxies). */
export function stampClientAddress(req: http.IncomingMessage, trusted: TrustedProxies): void {
  const address = resolveClientAddress(
    req.socket.remoteAddress,
    req.headers["x-forwarded-for"],
    trusted,
  );
  // Both views of the headers: Next reads `headers`, and nothing may see the client's copy.
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== CLIENT_ADDRESS_HEADER)
      raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  raw.push(CLIENT_ADDRESS_HEADER, address);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
}

export async function startConsoleServer(opts: {
  dir: string;
  port: number;
  hostname: string;
  trustedProxies: TrustedProxies;
}): Promise<http.Server> {
  const app = next({ dev: false, dir: opts.dir, hostname: opts.hostname, port: opts.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    stampClientAddress(req, opts.trustedProxies);
    void handle(req, res);
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node requires the header timeout to outlast keep-alive, or it cuts reused sockets itself.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname, () => resolve());
  });
  return server;
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = Number(argValue(args, "-p") ?? process.env.PORT ?? 3000);
  const hostname = argValue(args, "-H") ?? "127.0.0.1";
  let trustedProxies: TrustedProxies;
  try {
    trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
  const server = await startConsoleServer({
    dir: process.env.TRIBUTARY_ROOT ?? process.cwd(),
    port,
    hostname,
    trustedProxies,
  });
  console.log(
    `listening on http://${hostname}:${port}` +
      (trustedProxies.entries.length > 0
        ? ` (X-Forwarded-For believed from ${trustedProxies.entries.join(", ")})`
        : ""),
  );
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections(); // SSE streams would keep it open
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  void main().catch((e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  });
}
