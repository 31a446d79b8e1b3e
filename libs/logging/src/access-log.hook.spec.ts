import fastify, { type FastifyInstance } from 'fastify';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAccessLog } from './access-log.hook';
import { createLogger } from './create-logger';

describe(registerAccessLog.name, () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });

  async function appLogging(lines: Record<string, unknown>[]) {
    const app: FastifyInstance = fastify();
    apps.push(app);
    registerAccessLog(
      app,
      createLogger('info', {
        write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
      }),
    );
    app.post('/v3/topics/:t/records::batch', () => ({ ok: true }));
    app.get('/v3/topics/:t/records::stream', (_req, reply) => {
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
      reply.raw.write(': stream started\n\n');
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return (app.server.address() as { port: number }).port;
  }

  it('writes one line per response, with the route as clients write it', async () => {
    const lines: Record<string, unknown>[] = [];
    const port = await appLogging(lines);
    const res = await fetch(`http://127.0.0.1:${port}/v3/topics/t/records:batch`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    await expect
      .poll(() => lines.filter((l) => l.msg === 'access'))
      .toEqual([expect.objectContaining({ route: '/v3/topics/:t/records:batch', status: 200 })]);
  });

  it('writes the line of a consume stream when its client leaves (no onResponse for it)', async () => {
    const lines: Record<string, unknown>[] = [];
    const port = await appLogging(lines);
    await new Promise<void>((resolve) => {
      const req = request(`http://127.0.0.1:${port}/v3/topics/t/records:stream`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.end();
    });
    await expect
      .poll(() => lines.filter((l) => l.msg === 'access'))
      .toEqual([expect.objectContaining({ route: '/v3/topics/:t/records:stream', status: 200 })]);
  });
});
