import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { createFixtureTopic, disconnectFixtures, produceMany } from '../../support/produce-records';
import { uniqueName } from '../../support/unique-names';

const V2 = 'application/vnd.kafka.v2+json';
const BINARY = 'application/vnd.kafka.binary.v2+json';

// A v2 instance fetches and renders its next page ahead; idle past
// GATEWAY_V2_READ_AHEAD_IDLE_MS it drops them, and its next read fetches them again.
describe('v2 read-ahead of idle instances', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ GATEWAY_V2_READ_AHEAD_IDLE_MS: '100' });
  });
  afterAll(async () => {
    await app.close();
    await disconnectFixtures();
  });

  it('reads every record once, in order, when the read-ahead was dropped between reads', async () => {
    const topic = await createFixtureTopic(uniqueName('v2-read-ahead'), 2);
    await produceMany(topic, 40, 2);
    const group = uniqueName('v2-read-ahead');
    const created = await app.inject({
      method: 'POST',
      url: `/consumers/${group}`,
      headers: { 'content-type': V2 },
      payload: { format: 'binary', 'auto.offset.reset': 'earliest' },
    });
    const base = `/consumers/${group}/instances/${created.json<{ instance_id: string }>().instance_id}`;
    await app.inject({
      method: 'POST',
      url: `${base}/subscription`,
      headers: { 'content-type': V2 },
      payload: { topics: [topic] },
    });

    const read: { partition: number; offset: number }[] = [];
    const deadline = Date.now() + 30_000;
    while (read.length < 40 && Date.now() < deadline) {
      // Records of about 13 bytes: a few per page, so most pages were fetched ahead.
      const res = await app.inject({
        method: 'GET',
        url: `${base}/records?timeout=1000&max_bytes=60`,
        headers: { accept: BINARY },
      });
      read.push(...res.json<{ partition: number; offset: number }[]>());
      await new Promise((r) => setTimeout(r, 400)); // idle past the read-ahead's 100 ms
    }
    for (const partition of [0, 1]) {
      expect(read.filter((r) => r.partition === partition).map((r) => r.offset)).toEqual(
        Array.from({ length: 20 }, (_, i) => i),
      );
    }
    expect(read.length).toBe(40);
  });
});
