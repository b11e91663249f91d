/**
 * A TCP listener on a loopback port that records every byte it receives and answers nothing:
 * where a test points a job or a diagnosis to prove that no secret reaches a server it may not.
 */
import net from "node:net";

export interface FakeBroker {
  address: string;
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  /** Every byte received, all connections concatenated. */
  received(): Buffer;
  close(): Promise<void>;
}

export async function startFakeBroker(): Promise<FakeBroker> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("data", (d) => chunks.push(Buffer.from(d)));
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    connections: () => connections,
    received: () => Buffer.concat(chunks),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
