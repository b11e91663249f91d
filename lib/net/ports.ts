import net from "node:net";

export class PortInUseError extends Error {
  override name = "PortInUseError";
}

/**
 * Resolves when nothing listens on host:port; otherwise rejects with a message naming the port,
 * what wanted it, and what to do (`remedy`, e.g. "set PORT to another port").
 */
export async function assertPortFree(
  port: number,
  purpose: string,
  opts: { host?: string; remedy?: string } = {},
): Promise<void> {
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new PortInUseError(
              `Port ${port} on ${host}, wanted for ${purpose}, is already in use: stop whatever listens ` +
                `there (\`ss -ltnp 'sport = :${port}'\` shows it) or ${opts.remedy ?? "choose another port"}.`,
            )
          : new Error(`Cannot check port ${port} on ${host} for ${purpose}: ${error.message}`),
      );
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** A port the OS considers free right now (for tests and tools that start their own servers). */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("The OS gave no free port."))));
    });
  });
}
