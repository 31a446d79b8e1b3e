import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaRegistryClient } from './schema-registry-client';

describe(SchemaRegistryClient.name, () => {
  const requests: string[] = [];
  let server: Server;
  let client: SchemaRegistryClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const version = /versions\/(\w+)$/.exec(req.url ?? '')?.[1];
      const body =
        version !== undefined
          ? {
              subject: 's',
              id: 7,
              version: version === 'latest' ? 3 : Number(version),
              schema: '"int"',
            }
          : { schema: 'syntax = "proto3"; message M {}', schemaType: 'PROTOBUF' };
      setTimeout(() => res.end(JSON.stringify(body)), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new SchemaRegistryClient({
      urls: [`http://127.0.0.1:${(server.address() as AddressInfo).port}`],
    });
  });
  afterAll(async () => {
    client.close();
    await new Promise((r) => server.close(r));
  });

  it('asks for a schema id once, then answers from its cache', async () => {
    requests.length = 0;
    const [a, b] = await Promise.all([client.getSchemaById(4), client.getSchemaById(4)]);
    const c = await client.getSchemaById(4);
    expect(a).toEqual({
      id: 4,
      format: 'PROTOBUF',
      schema: 'syntax = "proto3"; message M {}',
      references: [],
    });
    expect([b, c]).toEqual([a, a]);
    expect(requests).toEqual(['GET /schemas/ids/4']);
  });

  it('caches subject versions, and asks for latest every time but once per concurrent burst', async () => {
    requests.length = 0;
    await client.getSubjectVersion('s', 2);
    await client.getSubjectVersion('s', 2);
    const burst = await Promise.all([client.getLatest('s'), client.getLatest('s')]);
    await client.getLatest('s');
    // latest was version 3: now known by version too.
    await client.getSubjectVersion('s', 3);
    expect(burst[0]).toEqual({
      subject: 's',
      id: 7,
      version: 3,
      format: 'AVRO',
      schema: '"int"',
      references: [],
    });
    expect(requests).toEqual([
      'GET /subjects/s/versions/2',
      'GET /subjects/s/versions/latest',
      'GET /subjects/s/versions/latest',
    ]);
  });
});
