import { request } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../apps/gateway/src/config/gateway.config';
import { createGatewayApp } from '../../../apps/gateway/src/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { uniqueName } from '../../support/unique-names';
import { basic } from './support/credential-files';
import { send } from './support/http-client';
import {
  ALICE,
  BOB,
  GATEWAY,
  grantAliceHerPrefix,
  IdentityCluster,
} from './support/identity-cluster';

const CAROL = basic('carol', 'carol-secret'); // known to the gateway only

let identity: IdentityCluster;

/**
 * A chunked produce whose records arrive one by one, the later ones after the gateway started
 * reading, as a real streaming client sends them.
 */
function streamRecords(
  url: string,
  headers: Record<string, string>,
  records: string[],
): Promise<{ body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ body }));
    });
    req.on('error', reject);
    const next = (i: number) => {
      if (i === records.length) {
        req.end();
        return;
      }
      req.write(records[i]);
      setTimeout(() => next(i + 1), 300);
    };
    next(0);
  });
}

/** The gateway on the SASL listener, authenticated to Kafka as its own super user. */
async function gatewayApp(env: Record<string, string>): Promise<NestFastifyApplication> {
  const config = loadConfig(identity.gatewayEnv(env));
  const app = await createGatewayApp({
    ...config,
    bootstrapServers: config.bootstrapServers ?? [],
  });
  await app.init();
  return app;
}

beforeAll(async () => {
  identity = await IdentityCluster.start();
}, 180_000);
afterAll(async () => {
  await identity?.stop();
});

describe('GATEWAY_KAFKA_IDENTITY_PROPAGATION=true against a broker with SASL/SCRAM and ACLs', () => {
  let app: NestFastifyApplication;
  let url: string;
  let clusterId: string;
  let gatewayTopic: string;

  beforeAll(async () => {
    ({ app, url, clusterId } = await identity.startGateway({
      GATEWAY_KAFKA_IDENTITY_PROPAGATION: 'true',
      GATEWAY_KAFKA_IDENTITY_SASL_MECHANISM: 'SCRAM-SHA-512',
    }));
    // Kafka's ACLs, made through the gateway by its super user: alice owns topics alice-*.
    await grantAliceHerPrefix(app, clusterId);
    gatewayTopic = uniqueName('gateway');
    const created = await createTopic(gatewayTopic, GATEWAY);
    expect(created.statusCode, created.body).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  function createTopic(name: string, headers: Record<string, string>) {
    return app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics`,
      headers,
      payload: { topic_name: name, partitions_count: 1, replication_factor: 1 },
    });
  }

  it('creates a topic as a caller whose Kafka ACLs allow it', async () => {
    const res = await createTopic(uniqueName('alice'), ALICE);
    expect(res.statusCode, res.body).toBe(201);
    await expectToMatchSpec(res, 'POST', '/clusters/{cluster_id}/topics');
  });

  it("answers Kafka's refusal with 403 and 40301 for a caller without ACLs", async () => {
    const res = await createTopic(uniqueName('bob'), BOB);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ error_code: 40301 });
    await expectToMatchSpec(res, 'POST', '/clusters/{cluster_id}/topics');
  });

  it('lists only the topics Kafka lets the caller describe', async () => {
    const mine = uniqueName('alice');
    expect((await createTopic(mine, ALICE)).statusCode).toBe(201);
    const list = async (headers: Record<string, string>) => {
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/${clusterId}/topics`,
        headers,
      });
      expect(res.statusCode).toBe(200);
      return res.json<{ data: { topic_name: string }[] }>().data.map((t) => t.topic_name);
    };
    const [alices, bobs, gateways] = await Promise.all([list(ALICE), list(BOB), list(GATEWAY)]);
    expect(alices).toContain(mine);
    expect(alices).not.toContain(gatewayTopic);
    expect(alices.every((t) => t.startsWith('alice-'))).toBe(true);
    expect(bobs).toEqual([]);
    expect(gateways).toEqual(expect.arrayContaining([mine, gatewayTopic]));
  });

  it("produces as the caller: Kafka's ACLs decide, also for a chunked stream", async () => {
    const topic = uniqueName('alice');
    expect((await createTopic(topic, ALICE)).statusCode).toBe(201);
    const recordsUrl = `${url}/v3/clusters/${clusterId}/topics/${topic}/records`;
    const record = (i: number) => JSON.stringify({ value: { type: 'JSON', data: i } });
    const produce = (headers: Record<string, string>, chunked: boolean) =>
      chunked
        ? streamRecords(recordsUrl, headers, [record(1), record(2)])
        : send(recordsUrl, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: record(1) + record(2),
          });
    const receipts = (body: string) =>
      body
        .split('\r\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { error_code: number }).error_code);
    for (const chunked of [false, true]) {
      const [alices, bobs] = await Promise.all([produce(ALICE, chunked), produce(BOB, chunked)]);
      expect(receipts(alices.body), alices.body).toEqual([200, 200]);
      expect(receipts(bobs.body), bobs.body).toEqual([40301, 40301]);
    }
    // Only alice's four records reached Kafka.
    const read = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${topic}/partitions/0/offset`,
      headers: GATEWAY,
    });
    expect(read.json()).toMatchObject({ earliest_offset: 0, latest_offset: 4 });
  });

  // kafka-rest's AuthorizationErrorTest.testProducerAuthorization: the Java producer fails each
  // send, so the answer is a v2 produce response, 403, with 40301 per record.
  it('answers a v2 produce the caller may not write with 403 and 40301 per record', async () => {
    const topic = uniqueName('alice');
    expect((await createTopic(topic, ALICE)).statusCode).toBe(201);
    const produce = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/topics/${topic}`,
        headers: { ...headers, 'content-type': 'application/vnd.kafka.binary.v2+json' },
        payload: { records: [{ value: 'AA==' }, { value: 'AQ==' }] },
      });
    const bobs = await produce(BOB);
    expect(bobs.statusCode, bobs.body).toBe(403);
    expect(bobs.headers['content-type']).toBe('application/vnd.kafka.v2+json');
    const body = bobs.json<{
      offsets: { error_code: number | null; partition: unknown; error: string | null }[];
    }>();
    // The Java producer's TopicAuthorizationException names the topic.
    const refused = [null, 40301, `Not authorized to access topics: [${topic}]`];
    expect(body.offsets.map((o) => [o.partition, o.error_code, o.error])).toEqual([
      refused,
      refused,
    ]);
    const alices = await produce(ALICE);
    expect(alices.statusCode, alices.body).toBe(200);
  });

  // kafka-rest's AuthorizationErrorTest grants the ACLs, then produces once and expects 200.
  // bob's idempotent producer could get no producer id while he could write nowhere; that stale
  // failure must not fail the first send after the grant.
  it('produces as soon as Kafka grants the caller WRITE, after his producer id was refused', async () => {
    const topic = uniqueName('bobs');
    expect((await createTopic(topic, GATEWAY)).statusCode).toBe(201);
    const recordsUrl = `/v3/clusters/${clusterId}/topics/${topic}/records`;
    const produce = () =>
      app.inject({
        method: 'POST',
        url: recordsUrl,
        headers: { ...BOB, 'content-type': 'application/json' },
        payload: { value: { type: 'STRING', data: 'x' } },
      });
    expect((await produce()).json()).toMatchObject({ error_code: 40301 });
    const acl = (operation: string, method: 'POST' | 'DELETE') =>
      app.inject({
        method,
        url: `/v3/clusters/${clusterId}/acls`,
        headers: GATEWAY,
        ...(method === 'POST'
          ? {
              payload: {
                resource_type: 'TOPIC',
                resource_name: topic,
                pattern_type: 'LITERAL',
                principal: 'User:bob',
                host: '*',
                operation,
                permission: 'ALLOW',
              },
            }
          : {
              query: {
                resource_type: 'TOPIC',
                resource_name: topic,
                pattern_type: 'LITERAL',
                principal: 'User:bob',
                operation: 'ANY',
                permission: 'ANY',
              },
            }),
      });
    try {
      expect((await acl('WRITE', 'POST')).statusCode).toBe(201);
      expect((await acl('DESCRIBE', 'POST')).statusCode).toBe(201);
      // DESCRIBE, granted after WRITE, is visible: so is WRITE (one broker applies them in order).
      const deadline = Date.now() + 10_000;
      const described = async () =>
        (
          await app.inject({
            method: 'GET',
            url: `/v3/clusters/${clusterId}/topics/${topic}`,
            headers: BOB,
          })
        ).statusCode;
      while ((await described()) !== 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const first = await produce();
      expect(first.json(), first.body).toMatchObject({ error_code: 200 });
    } finally {
      expect((await acl('ANY', 'DELETE')).statusCode).toBe(200);
    }
  });

  it('answers 401 with 40101 when Kafka rejects credentials the gateway accepted', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics`,
      headers: CAROL,
    });
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json()).toMatchObject({ error_code: 40101 });
  });
});

describe('without identity propagation', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await gatewayApp({});
  });
  afterAll(async () => {
    await app.close();
  });

  it("acts with the gateway's own Kafka identity for every caller", async () => {
    const clusters = await app.inject({ method: 'GET', url: '/v3/clusters', headers: BOB });
    const clusterId = clusters.json<{ data: { cluster_id: string }[] }>().data[0].cluster_id;
    const res = await app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics`,
      headers: BOB,
      payload: { topic_name: uniqueName('bob'), partitions_count: 1, replication_factor: 1 },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});
