import net from "node:net";

/** Resolves when nothing listens on host:port, rejects with a message naming the port otherwise. */
export async function assertPortFree(
  port: number,
  what: string,
  opts: { host?: string; envVar?: string } = {},
): Promise<void> {
  const host = opts.host ?? "127.0.0.1";
  const inUse = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(false)));
  });
  if (inUse) {
    throw new PortInUseError(
      `Port ${port} (${what}) is already in use on ${host}. Stop whatever listens there ` +
        `(\`ss -ltnp 'sport = :${port}'\` shows it) or ` +
        (opts.envVar ? `set ${opts.envVar} to another port.` : "choose another port."),
    );
  }
}

export class PortInUseError extends Error {
  override name = "PortInUseError";
}

/** A port the OS considers free right now (for tests that start their own servers). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
