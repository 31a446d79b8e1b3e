import { createServer, Server } from 'node:net';

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port;
}

/**
 * Asks the OS for `count` free loopback ports, all different: each is held until every one is
 * known, since a port asked for after another was released may be that same port again (it
 * once gave one broker's listener and controller the same port).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => listening()));
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address !== 'object') {
      throw new Error('Could not allocate a free port');
    }
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function listening(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
