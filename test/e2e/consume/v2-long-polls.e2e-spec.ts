import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenTestApp, ListeningApp } from '../../support/listening-app';
import {
  createFixtureTopic,
  disconnectFixtures,
  produceMany,
  produceRecords,
} from '../../support/produce-records';
import { uniqueName } from '../../support/unique-names';

const V2 = 'application/vnd.kafka.v2+json';
const BINARY = 'application/vnd.kafka.binary.v2+json';
const LONG_POLL_MS = 30_000;

// A v2 instance runs one request at a time. A long poll whose client had gone, or that was
// running when the instance was deleted, held the instance (and the DELETE) for its whole wait.
describe('v2 long polls', () => {
  let gateway: ListeningApp;

  beforeAll(async () => {
    gateway = await listenTestApp();
  });
  afterAll(async () => {
    await gateway.app.close();
    await disconnectFixtures();
  });

  const call = (method: string, path: string, body?: unknown, signal?: AbortSignal) =>
    fetch(`${gateway.baseUrl}${path}`, {
      method,
      headers: { 'content-type': V2, accept: method === 'GET' ? BINARY : V2 },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });

  /** An instance that waits up to 30 s for records, assigned an empty partition. */
  async function waitingInstance(topic: string): Promise<string> {
    const group = uniqueName('v2-long-poll');
    const created = await call('POST', `/consumers/${group}`, {
      format: 'binary',
      'auto.offset.reset': 'earliest',
      'auto.commit.enable': 'false',
      'consumer.request.timeout.ms': LONG_POLL_MS,
    });
    expect(created.status).toBe(200);
    const { instance_id: instance } = (await created.json()) as { instance_id: string };
    const base = `/consumers/${group}/instances/${instance}`;
    const assigned = await call('POST', `${base}/assignments`, {
      partitions: [{ topic, partition: 0 }],
    });
    expect(assigned.status).toBe(204);
    return base;
  }

  it('ends the poll of a client that went away, and reads what it would have returned next time', async () => {
    const topic = await createFixtureTopic(uniqueName('v2-long-poll'));
    const base = await waitingInstance(topic);
    const gone = new AbortController();
    const abandoned = call(
      'GET',
      `${base}/records?timeout=${LONG_POLL_MS}`,
      undefined,
      gone.signal,
    );
    await new Promise((r) => setTimeout(r, 500));
    gone.abort();
    await expect(abandoned).rejects.toThrow();

    const started = Date.now();
    const positions = await call('GET', `${base}/assignments`);
    expect(positions.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);

    await produceMany(topic, 3);
    const read = await call('GET', `${base}/records?timeout=5000`);
    expect(((await read.json()) as { offset: number }[]).map((r) => r.offset)).toEqual([0, 1, 2]);
  });

  // After a read, the instance fetches ahead; at the end of the log Kafka holds that fetch until
  // records come. A read after a seek waited behind it before fetching from the new position.
  it('answers a short read after a seek with the records there, not after the fetch ahead', async () => {
    const topic = await createFixtureTopic(uniqueName('v2-long-poll'));
    await produceMany(topic, 5);
    const base = await waitingInstance(topic);
    const first = await call('GET', `${base}/records?timeout=5000`);
    expect(((await first.json()) as unknown[]).length).toBe(5);

    const seek = await call('POST', `${base}/positions/beginning`, {
      partitions: [{ topic, partition: 0 }],
    });
    expect(seek.status).toBe(204);
    const again = await call('GET', `${base}/records?timeout=300`);
    expect(((await again.json()) as { offset: number }[]).map((r) => r.offset)).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });

  // kafka-rest's read polls until its timeout, so one GET returns every record produced before
  // it (ConsumerBinaryTest: a new instance of the group subscribes, reads nothing, then all 4).
  // A fetch of the empty GET, answered by the first record alone, made the next GET return it
  // without the other three.
  it('returns every record Kafka held when the GET came, also those after the one a pending fetch caught', async () => {
    const topic = await createFixtureTopic(uniqueName('v2-long-poll'), 3);
    const group = uniqueName('v2-long-poll');
    for (let round = 0; round < 4; round++) {
      const created = await call('POST', `/consumers/${group}`, { format: 'binary' });
      const base = new URL(((await created.json()) as { base_uri: string }).base_uri).pathname;
      expect((await call('POST', `${base}/subscription`, { topics: [topic] })).status).toBe(204);
      const empty = await call('GET', `${base}/records`);
      expect(await empty.json()).toEqual([]);
      await produceRecords(
        topic,
        ['a', 'b', 'c', 'd'].map((value) => ({
          key: 'key',
          value: `${round}${value}`,
          partition: 1,
        })),
      );
      const read = await call('GET', `${base}/records`);
      expect(((await read.json()) as { value: string }[]).map((r) => r.value)).toEqual(
        ['a', 'b', 'c', 'd'].map((v) => Buffer.from(`${round}${v}`).toString('base64')),
      );
      expect((await call('POST', `${base}/offsets`)).status).toBe(200);
      expect((await call('DELETE', base)).status).toBe(204);
    }
  });

  it('deletes an instance at once while its poll waits, and the poll answers empty', async () => {
    const topic = await createFixtureTopic(uniqueName('v2-long-poll'));
    const base = await waitingInstance(topic);
    const polling = call('GET', `${base}/records?timeout=${LONG_POLL_MS}`);
    await new Promise((r) => setTimeout(r, 500));

    const started = Date.now();
    expect((await call('DELETE', base)).status).toBe(204);
    const poll = await polling;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect([poll.status, await poll.json()]).toEqual([200, []]);
  });

  it('deletes an instance at once while its join waits for a rebalance, leaving the group to the others', async () => {
    const topic = await createFixtureTopic(uniqueName('v2-rebalance'), 3);
    const group = uniqueName('v2-rebalance');
    const member = async (name: string): Promise<string> => {
      const created = await call('POST', `/consumers/${group}`, {
        name,
        format: 'binary',
        'auto.offset.reset': 'earliest',
      });
      expect(created.status).toBe(200);
      const base = `/consumers/${group}/instances/${name}`;
      expect((await call('POST', `${base}/subscription`, { topics: [topic] })).status).toBe(204);
      return base;
    };
    const a = await member('a');
    expect((await call('GET', `${a}/records?timeout=3000`)).status).toBe(200);
    // b's join starts a rebalance that waits for a, which does not poll: the JoinGroup is held.
    const b = await member('b');
    expect((await call('GET', `${b}/records?timeout=1000`)).status).toBe(200);
    const started = Date.now();
    expect((await call('DELETE', b)).status).toBe(204);
    const took = Date.now() - started;
    expect(took, `DELETE took ${took} ms`).toBeLessThan(5_000);
    // a rejoins a rebalance that no longer waits for b, and reads.
    await produceRecords(topic, [{ value: 'after', partition: 1 }]);
    const deadline = Date.now() + 20_000;
    let values: unknown[] = [];
    while (values.length === 0 && Date.now() < deadline) {
      values = (await (await call('GET', `${a}/records?timeout=1000`)).json()) as unknown[];
    }
    expect(values).toHaveLength(1);
  });
});
