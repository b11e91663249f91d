import net from "node:net";

/** Resolves when nothing listens on host:port; rejects with a message naming the port otherwise. */
export function assertPortFree(host: string, port: number, purpose: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new Error(
            `Port ${port} on ${host}, wanted for the local Kafka broker's ${purpose}, is already in use: ` +
              `stop whatever listens there, choose another port, or set KAFKA_BOOTSTRAP_SERVERS to a running broker.`,
          ),
        );
      } else {
        reject(
          new Error(
            `Cannot check port ${port} on ${host} for the local Kafka broker's ${purpose}: ${error.message}`,
          ),
        );
      }
    });
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** A port the OS considers free right now (for tests that must not collide with a running console). */
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
