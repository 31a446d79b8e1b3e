import { get } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectToMatchConsumeSpec } from '../../support/consume-openapi';
import { expectToMatchSpec } from '../../support/openapi';
import { uniqueName } from '../../support/unique-names';
import { basic, bearer } from './support/credential-files';
import { send } from './support/http-client';
import {
  ALICE,
  BOB,
  GATEWAY,
  grantAliceHerPrefix,
  IdentityCluster,
} from './support/identity-cluster';

type Headers = Record<string, string>;

const READ_PATH = '/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/records';
const STREAM_PATH = '/clusters/{cluster_id}/topics/{topic_name}/records:stream';
const V2 = 'application/vnd.kafka.v2+json';
const JSON_V2 = 'application/vnd.kafka.json.v2+json';

let identity: IdentityCluster;

beforeAll(async () => {
  identity = await IdentityCluster.start();
}, 180_000);
afterAll(async () => {
  await identity?.stop();
});

/** The calls each test makes against one gateway, as the caller whose headers it passes. */
class Caller {
  constructor(
    private readonly app: NestFastifyApplication,
    private readonly url: string,
    private readonly clusterId: string,
  ) {}

  createTopic(name: string, headers: Headers) {
    return this.app.inject({
      method: 'POST',
      url: `/v3/clusters/${this.clusterId}/topics`,
      headers,
      payload: { topic_name: name, partitions_count: 1, replication_factor: 1 },
    });
  }

  /** The error codes of the produce receipts (200 for each record Kafka took). */
  async produce(topic: string, headers: Headers, values: unknown[]): Promise<number[]> {
    const res = await send(`${this.url}/v3/clusters/${this.clusterId}/topics/${topic}/records`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: values.map((data) => JSON.stringify({ value: { type: 'JSON', data } })).join(''),
    });
    return res.body
      .split('\r\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { error_code: number }).error_code);
  }

  async readPartition(topic: string, headers: Headers) {
    const res = await this.app.inject({
      method: 'GET',
      url: `/v3/clusters/${this.clusterId}/topics/${topic}/partitions/0/records?offset=0&timeout_ms=2000&format=json`,
      headers,
    });
    await expectToMatchConsumeSpec(res, 'GET', READ_PATH);
    return res;
  }

  /** A v2 consumer instance subscribed to `topic`, made by the caller of `headers`. */
  async v2Consumer(
    group: string,
    topic: string,
    headers: Headers,
    subscription: object = { topics: [topic] },
  ): Promise<string> {
    const created = await this.app.inject({
      method: 'POST',
      url: `/consumers/${group}`,
      headers: { ...headers, 'content-type': V2 },
      payload: { format: 'json', 'auto.offset.reset': 'earliest', 'auto.commit.enable': 'false' },
    });
    expect(created.statusCode, created.body).toBe(200);
    const base = `/consumers/${group}/instances/${created.json<{ instance_id: string }>().instance_id}`;
    const subscribed = await this.app.inject({
      method: 'POST',
      url: `${base}/subscription`,
      headers: { ...headers, 'content-type': V2 },
      payload: subscription,
    });
    expect(subscribed.statusCode, subscribed.body).toBe(204);
    return base;
  }

  /** Polls until `count` values came (or a poll failed): the values, or the failed answer. */
  async pollV2(base: string, headers: Headers, count: number) {
    const values: unknown[] = [];
    const deadline = Date.now() + 20_000;
    while (values.length < count && Date.now() < deadline) {
      const res = await this.app.inject({
        method: 'GET',
        url: `${base}/records?timeout=1000`,
        headers: { ...headers, accept: JSON_V2 },
      });
      if (res.statusCode !== 200) {
        return { failed: res, values };
      }
      values.push(...res.json<{ value: unknown }[]>().map((r) => r.value));
    }
    return { failed: undefined, values };
  }

  /** An ACL on one topic, made by the gateway's own (super) user. */
  async grant(acl: { topic: string; principal: string; operation: string }): Promise<void> {
    const res = await this.app.inject({
      method: 'POST',
      url: `/v3/clusters/${this.clusterId}/acls`,
      headers: GATEWAY,
      payload: {
        resource_type: 'TOPIC',
        resource_name: acl.topic,
        pattern_type: 'LITERAL',
        principal: acl.principal,
        host: '*',
        operation: acl.operation,
        permission: 'ALLOW',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  deleteV2(base: string, headers: Headers) {
    return this.app.inject({ method: 'DELETE', url: base, headers: { ...headers } });
  }

  /** An NDJSON stream from the earliest offset: its status and the first `count` record values. */
  stream(
    topic: string,
    headers: Headers,
    count: number,
  ): Promise<{ status: number; values: unknown[]; body: string }> {
    const path = `/v3/clusters/${this.clusterId}/topics/${topic}/records:stream?from=earliest&format=json`;
    return new Promise((resolve, reject) => {
      const req = get(
        `${this.url}${path}`,
        { headers: { ...headers, accept: 'application/x-ndjson' } },
        (res) => {
          let body = '';
          const values: unknown[] = [];
          const done = () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, values, body });
          };
          const timer = setTimeout(done, 20_000);
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
            const lines = body.split('\n').filter((l) => l.trim() !== '');
            values.splice(0, values.length, ...lines.map((l) => parseValue(l)));
            if (res.statusCode !== 200 || values.length >= count) {
              clearTimeout(timer);
              done();
            }
          });
          res.on('end', () => {
            clearTimeout(timer);
            done();
          });
        },
      );
      req.on('error', reject);
    });
  }

  /** A refused stream answers before it opens: validated as JSON against the spec. */
  async refusedStream(topic: string, headers: Headers) {
    const res = await this.app.inject({
      method: 'GET',
      url: `/v3/clusters/${this.clusterId}/topics/${topic}/records:stream?from=earliest&format=json`,
      headers: { ...headers, accept: 'application/x-ndjson' },
    });
    await expectToMatchConsumeSpec(res, 'GET', STREAM_PATH, 'application/json');
    return res;
  }
}

function parseValue(line: string): unknown {
  const parsed = JSON.parse(line) as { value?: { data: unknown }; error_code?: number };
  return parsed.value?.data ?? parsed;
}

function expectKafkaRefusal(res: { statusCode: number; body: string; json: <T>() => T }): void {
  expect(res.statusCode, res.body).toBe(403);
  // AuthorizationErrorTest: the message starts as the Java client's does.
  expect(res.json()).toMatchObject({
    error_code: 40301,
    message: expect.stringMatching(/^Not authorized to access (topics|group)/) as unknown,
  });
}

describe('consumers as the caller (SASL/SCRAM): Kafka ACLs decide what each caller reads', () => {
  let app: NestFastifyApplication;
  let as: Caller;
  let topic: string;

  beforeAll(async () => {
    const gateway = await identity.startGateway({
      GATEWAY_KAFKA_IDENTITY_PROPAGATION: 'true',
      GATEWAY_KAFKA_IDENTITY_SASL_MECHANISM: 'SCRAM-SHA-512',
    });
    app = gateway.app;
    as = new Caller(app, gateway.url, gateway.clusterId);
    await grantAliceHerPrefix(app, gateway.clusterId);
    topic = uniqueName('alice');
    const created = await as.createTopic(topic, ALICE);
    expect(created.statusCode, created.body).toBe(201);
    expect(await as.produce(topic, ALICE, [1, 2, 3])).toEqual([200, 200, 200]);
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  it("reads a partition as the caller: alice's records for alice, 403/40301 for bob", async () => {
    const alices = await as.readPartition(topic, ALICE);
    expect(alices.statusCode, alices.body).toBe(200);
    expect(
      alices.json<{ data: { value: { data: unknown } }[] }>().data.map((r) => r.value.data),
    ).toEqual([1, 2, 3]);
    expectKafkaRefusal(await as.readPartition(topic, BOB));
  });

  it('runs a v2 consumer instance as the caller that created it', async () => {
    const alices = await as.v2Consumer(uniqueName('alice-group'), topic, ALICE);
    const read = await as.pollV2(alices, ALICE, 3);
    expect(read.failed?.body).toBeUndefined();
    expect(read.values).toEqual([1, 2, 3]);
    expect((await as.deleteV2(alices, ALICE)).statusCode).toBe(204);

    // An instance keeps the credentials of the request that made it, whoever polls it later.
    const own = uniqueName('alice');
    expect((await as.createTopic(own, ALICE)).statusCode).toBe(201);
    const kept = await as.v2Consumer(uniqueName('alice-group'), own, ALICE);
    expect(await as.produce(own, ALICE, [4])).toEqual([200]);
    const later = await as.pollV2(kept, BOB, 1);
    expect(later.failed?.body).toBeUndefined();
    expect(later.values).toEqual([4]);
    expect((await as.deleteV2(kept, ALICE)).statusCode).toBe(204);

    // Refused both the topic and the group, bob hears about the topic first, as from the Java
    // consumer (AuthorizationErrorTest.testConsumerRequest).
    const bobs = await as.v2Consumer(uniqueName('alice-group'), topic, BOB);
    const refused = await as.pollV2(bobs, BOB, 1);
    expect(refused.values).toEqual([]);
    expectKafkaRefusal(refused.failed!);
    expect(refused.failed!.json()).toEqual({
      error_code: 40301,
      message: `Not authorized to access topics: [${topic}]`,
    });
  });

  it('answers 401/40101 when Kafka rejects the credentials a v2 instance was made with', async () => {
    const carol = basic('carol', 'carol-secret'); // known to the gateway only
    const consumer = await as.v2Consumer(uniqueName('carol-group'), topic, carol);
    const read = await as.pollV2(consumer, carol, 1);
    expect(read.failed?.statusCode, read.failed?.body).toBe(401);
    expect(read.failed?.json()).toMatchObject({ error_code: 40101 });
  });

  it('matches a topic pattern against the topics the caller may see', async () => {
    const suffix = uniqueName('pattern');
    const others = `gateway-${suffix}`;
    const hers = `alice-${suffix}`;
    expect((await as.createTopic(others, GATEWAY)).statusCode).toBe(201);
    expect((await as.createTopic(hers, ALICE)).statusCode).toBe(201);
    expect(await as.produce(others, GATEWAY, ['not hers'])).toEqual([200]);
    expect(await as.produce(hers, ALICE, ['hers'])).toEqual([200]);
    const consumer = await as.v2Consumer(uniqueName('alice-group'), hers, ALICE, {
      topic_pattern: `.*-${suffix}`,
    });
    const read = await as.pollV2(consumer, ALICE, 1);
    expect(read.failed?.body).toBeUndefined();
    expect(read.values).toEqual(['hers']);
    await as.deleteV2(consumer, ALICE);
  });

  it('streams as the caller: alice reads her records, bob is refused before the stream opens', async () => {
    const alices = await as.stream(topic, ALICE, 3);
    expect(alices.status, alices.body).toBe(200);
    expect(alices.values).toEqual([1, 2, 3]);
    expectKafkaRefusal(await as.refusedStream(topic, BOB));
  });

  it('refuses reads of a topic bob may describe but not read; an open stream ends with 40301', async () => {
    const shared = uniqueName('alice-shared');
    expect((await as.createTopic(shared, ALICE)).statusCode).toBe(201);
    expect(await as.produce(shared, ALICE, [1])).toEqual([200]);
    await as.grant({ topic: shared, principal: 'User:bob', operation: 'DESCRIBE' });
    // Metadata and offsets need DESCRIBE only: Kafka refuses the fetch itself.
    expectKafkaRefusal(await as.readPartition(shared, BOB));
    const stream = await as.stream(shared, BOB, 1);
    expect(stream.status).toBe(200);
    expect(stream.values).toEqual([
      { error_code: 40301, message: `Not authorized to access topics: [${shared}]` },
    ]);
  });
});

describe('bearer tokens propagated as SASL/OAUTHBEARER (JWTs Kafka verifies against the JWKS)', () => {
  let app: NestFastifyApplication;
  let as: Caller;
  let aliceToken: Headers;
  let bobToken: Headers;

  beforeAll(async () => {
    const gateway = await identity.startGateway({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC,BEARER',
      GATEWAY_AUTH_JWT_JWKS_URL: identity.jwks.url,
      GATEWAY_KAFKA_IDENTITY_PROPAGATION: 'true',
    });
    app = gateway.app;
    as = new Caller(app, gateway.url, gateway.clusterId);
    await grantAliceHerPrefix(app, gateway.clusterId);
    aliceToken = bearer(await identity.jwks.sign({ sub: 'alice' }));
    bobToken = bearer(await identity.jwks.sign({ sub: 'bob' }));
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  it("creates, produces and consumes alice's topics with alice's token", async () => {
    const topic = uniqueName('alice');
    const created = await as.createTopic(topic, aliceToken);
    expect(created.statusCode, created.body).toBe(201);
    await expectToMatchSpec(created, 'POST', '/clusters/{cluster_id}/topics');
    expect(await as.produce(topic, aliceToken, ['a', 'b'])).toEqual([200, 200]);

    const read = await as.readPartition(topic, aliceToken);
    expect(read.statusCode, read.body).toBe(200);
    expect(
      read.json<{ data: { value: { data: unknown } }[] }>().data.map((r) => r.value.data),
    ).toEqual(['a', 'b']);
    const consumer = await as.v2Consumer(uniqueName('alice-group'), topic, aliceToken);
    expect((await as.pollV2(consumer, aliceToken, 2)).values).toEqual(['a', 'b']);
    await as.deleteV2(consumer, aliceToken);
    const streamed = await as.stream(topic, aliceToken, 2);
    expect(streamed.values).toEqual(['a', 'b']);
  });

  it("serves alice's refreshed token (the pool keeps her clients: see the pool's unit test)", async () => {
    const topic = uniqueName('alice');
    expect((await as.createTopic(topic, aliceToken)).statusCode).toBe(201);
    const refreshed = bearer(await identity.jwks.sign({ sub: 'alice' }, { expiresIn: '10m' }));
    expect(await as.produce(topic, refreshed, ['fresh'])).toEqual([200]);
    const read = await as.readPartition(topic, refreshed);
    expect(read.statusCode, read.body).toBe(200);
  });

  it("answers Kafka's refusal of bob's token with 403/40301", async () => {
    const denied = await as.createTopic(uniqueName('bob'), bobToken);
    expectKafkaRefusal(denied);
    await expectToMatchSpec(denied, 'POST', '/clusters/{cluster_id}/topics');
    const topic = uniqueName('alice');
    expect((await as.createTopic(topic, aliceToken)).statusCode).toBe(201);
    expect(await as.produce(topic, bobToken, ['x'])).toEqual([40301]);
    // Reads name the topic, as the Java consumer's TopicAuthorizationException does.
    const named = `Not authorized to access topics: [${topic}]`;
    const read = await as.readPartition(topic, bobToken);
    expectKafkaRefusal(read);
    expect(read.json<{ message: string }>().message).toBe(named);
    const stream = await as.refusedStream(topic, bobToken);
    expectKafkaRefusal(stream);
    expect(stream.json<{ message: string }>().message).toBe(named);
    const bobs = await as.v2Consumer(uniqueName('alice-group'), topic, bobToken);
    const refused = await as.pollV2(bobs, bobToken, 1);
    expect(refused.values).toEqual([]);
    expectKafkaRefusal(refused.failed!);
  });
});
