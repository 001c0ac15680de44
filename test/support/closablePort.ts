/**
 * A TCP port in front of a server that can be closed and opened again on the same
 * number: while closed, clients get a real ECONNREFUSED (nothing listens), and every
 * forwarded connection is cut so kept-alive sockets cannot slip past the fault.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ClosablePort {
  /** `http://127.0.0.1:<port>`: use it where the target's URL would go. */
  readonly url: string;
  /** Stops listening and cuts every forwarded connection. */
  close(): Promise<void>;
  /** Listens again on the same port. */
  open(): Promise<void>;
  dispose(): Promise<void>;
}

export async function openClosablePort(targetUrl: string): Promise<ClosablePort> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const forward = (client: Socket) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer(forward);
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as AddressInfo).port;
        server = next;
        resolve();
      });
    });
  const close = async () => {
    const current = server;
    server = undefined;
    for (const socket of sockets) {
      socket.destroy();
    }
    if (current) {
      await new Promise<void>((resolve) => current.close(() => resolve()));
    }
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    close,
    open: async () => {
      if (!server) {
        await listen();
      }
    },
    dispose: close,
  };
}
