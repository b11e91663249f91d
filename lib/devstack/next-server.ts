/** How the console's web process is started — one command for `npm start` and `npm test`. */
import path from "node:path";

/**
 * Longer than any client's idle keep-alive (browsers, Playwright, proxies keep ~60 s): with Node's
 * default of 5 s the server closes an idle socket just as a client reuses it, and that request
 * fails with ECONNRESET.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function nextBin(root: string): string {
  return path.join(root, "node_modules/next/dist/bin/next");
}

/**
 * Arguments for `node` that start the built console on host:port: Next's handler inside the
 * server that takes the client address from the socket (console-server.ts).
 */
export function consoleServerArgs(root: string, port: number, host: string): string[] {
  return [
    "--import",
    "tsx",
    path.join(root, "lib/devstack/console-server.ts"),
    "-p",
    String(port),
    "-H",
    host,
  ];
}
