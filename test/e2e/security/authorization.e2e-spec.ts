import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';
import { basic, bearer, CredentialFiles, writeCredentialFiles } from './support/credential-files';
import { JwksServer } from './support/jwks-server';

const FORBIDDEN = { error_code: 40301, message: 'Authorization failed' };

let files: CredentialFiles;
let jwks: JwksServer;
let open: NestFastifyApplication;
let secured: NestFastifyApplication;
let clusterId: string;

const ALICE = basic('alice', 'alice-secret'); // role admin
const TEAM_A = basic('team-a', 'team-a-secret');
const ORDERS_KEY = basic('ORDERSKEY1', 'orders-api-secret'); // principal svc-orders
const READER = basic('reader', 'reader-secret');

beforeAll(async () => {
  files = writeCredentialFiles({
    'team-a': { password: 'team-a-secret' },
    reader: { password: 'reader-secret' },
  });
  jwks = await JwksServer.start();
  const dir = mkdtempSync(join(tmpdir(), 'gateway-rules-'));
  const rules = join(dir, 'rules.json');
  writeFileSync(
    rules,
    JSON.stringify({
      grants: [
        {
          principals: ['role:admin'],
          operations: ['*'],
          cluster: true,
          topics: ['*'],
          groups: ['*'],
        },
        {
          principals: ['team-a'],
          operations: ['admin-read', 'admin-write'],
          topics: ['team-a-*'],
        },
        { principals: ['svc-orders'], operations: ['produce'], topics: ['orders-*'] },
        { principals: ['reader'], operations: ['consume'], topics: ['reads-*'], groups: ['app-*'] },
        { principals: ['role:analysts'], operations: ['admin-read'], cluster: true },
      ],
    }),
  );
  open = await createTestApp();
  clusterId = await new TestContext(open).clusterId();
  secured = await createTestApp({
    KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC,BEARER',
    GATEWAY_AUTH_PASSWORD_FILE: files.passwordFile,
    GATEWAY_AUTH_API_KEYS_FILE: files.apiKeysFile,
    GATEWAY_AUTH_JWT_JWKS_URL: jwks.url,
    GATEWAY_AUTH_JWT_ROLES_CLAIM: 'realm_access.roles',
    GATEWAY_AUTHORIZATION_RULES_FILE: rules,
  });
});
afterAll(async () => {
  await Promise.all([open.close(), secured.close(), jwks.stop()]);
});

const createTopic = (name: string, headers: Record<string, string>) =>
  secured.inject({
    method: 'POST',
    url: `/v3/clusters/${clusterId}/topics`,
    headers,
    payload: { topic_name: name, partitions_count: 1, replication_factor: 1 },
  });

describe('POST /v3/clusters/:cluster_id/topics with authorization rules', () => {
  it('returns 201 for a principal with admin-write on the topic name prefix', async () => {
    const res = await createTopic(uniqueName('team-a'), TEAM_A);
    expect(res.statusCode).toBe(201);
    await expectToMatchSpec(res, 'POST', '/clusters/{cluster_id}/topics');
  });

  it('returns 403 with 40301 for a topic outside the prefix', async () => {
    const name = uniqueName('team-b');
    const res = await createTopic(name, TEAM_A);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual(FORBIDDEN);
    await expectToMatchSpec(res, 'POST', '/clusters/{cluster_id}/topics');
    // Nothing was created.
    const get = await open.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${name}`,
    });
    expect(get.statusCode).toBe(404);
  });

  it('returns 201 for a user whose role grants everything', async () => {
    const res = await createTopic(uniqueName('any'), ALICE);
    expect(res.statusCode).toBe(201);
  });
});

describe('POST /v3/clusters/:cluster_id/topics/:topic_name/records with authorization rules', () => {
  let ordersTopic: string;
  let otherTopic: string;

  beforeAll(async () => {
    const ctx = new TestContext(open);
    ({ topic: ordersTopic } = await ctx.newTopic({ prefix: 'orders' }));
    ({ topic: otherTopic } = await ctx.newTopic({ prefix: 'payments' }));
  });

  const produce = (topic: string, headers: Record<string, string>) =>
    secured.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ value: { type: 'JSON', data: { id: 1 } } }),
    });

  it('produces for an API key whose principal may produce to the topic prefix', async () => {
    const res = await produce(ordersTopic, ORDERS_KEY);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ error_code: 200, topic_name: ordersTopic });
  });

  it('returns 403 for the same key on another topic', async () => {
    const res = await produce(otherTopic, ORDERS_KEY);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual(FORBIDDEN);
  });

  it('lets a topic-scoped principal HEAD what it may GET', async () => {
    const name = uniqueName('team-a');
    expect((await createTopic(name, TEAM_A)).statusCode).toBe(201);
    const [own, other] = await Promise.all(
      [name, ordersTopic].map((topic) =>
        secured.inject({
          method: 'HEAD',
          url: `/v3/clusters/${clusterId}/topics/${topic}`,
          headers: TEAM_A,
        }),
      ),
    );
    expect([own.statusCode, other.statusCode]).toEqual([200, 403]);
  });

  it('returns 403 for produce-only principals reading topic metadata', async () => {
    const res = await secured.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${ordersTopic}`,
      headers: ORDERS_KEY,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('bearer principals with roles from the token (GATEWAY_AUTH_JWT_ROLES_CLAIM)', () => {
  it('lets a token with the analysts role read cluster metadata but not create topics', async () => {
    const token = await jwks.sign({ sub: 'ann', realm_access: { roles: ['analysts'] } });
    const [read, write] = await Promise.all([
      secured.inject({ method: 'GET', url: '/v3/clusters', headers: bearer(token) }),
      createTopic(uniqueName('ann'), bearer(token)),
    ]);
    expect([read.statusCode, write.statusCode]).toEqual([200, 403]);
  });

  it('returns 403 for a token without roles', async () => {
    const token = await jwks.sign({ sub: 'ann' });
    const res = await secured.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: bearer(token),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual(FORBIDDEN);
  });
});

describe('GET /v3/clusters/:cluster_id/topics/:topic_name/records:stream with authorization rules', () => {
  let topic: string;

  beforeAll(async () => {
    ({ topic } = await new TestContext(open).newTopic({ prefix: 'reads' }));
  });

  // `from=bogus` answers 400 once a request is authorized, so nothing streams in these checks.
  const stream = (query: string) =>
    secured.inject({
      method: 'GET',
      url: `/v3/clusters/${clusterId}/topics/${topic}/records:stream?from=bogus&${query}`,
      headers: READER,
    });

  it('needs consume on the group a group_id joins, as well as on the topic', async () => {
    expect((await stream('group_id=app-orders')).statusCode).toBe(400);
    const outside = await stream('group_id=other-group');
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toEqual(FORBIDDEN);
    // A repeated parameter: every group named must be granted.
    expect((await stream('group_id=app-orders&group_id=other-group')).statusCode).toBe(403);
  });
});

describe('v2 consumer bodies with authorization rules', () => {
  const V2 = 'application/vnd.kafka.v2+json';
  let granted: string;
  let base: string;

  beforeAll(async () => {
    ({ topic: granted } = await new TestContext(open).newTopic({ prefix: 'reads' }));
    const group = uniqueName('app');
    const created = await secured.inject({
      method: 'POST',
      url: `/consumers/${group}`,
      headers: { ...READER, 'content-type': V2 },
      payload: { name: 'reader-1' },
    });
    expect(created.statusCode, created.body).toBe(200);
    base = `/consumers/${group}/instances/reader-1`;
  });

  it('checks a topic written as a JSON number by its text, as validation reads it', async () => {
    const assign = (topic: unknown) =>
      secured.inject({
        method: 'POST',
        url: `${base}/assignments`,
        headers: { ...READER, 'content-type': V2 },
        payload: { partitions: [{ topic, partition: 0 }] },
      });
    expect((await assign(987654321)).statusCode).toBe(403);
    expect((await assign(true)).statusCode).toBe(403);
    expect((await assign(granted)).statusCode).toBe(204);
  });

  it('checks the topics of a GET offsets body, which Fastify leaves unparsed', async () => {
    const committed = (topic: string) =>
      secured.inject({
        method: 'GET',
        url: `${base}/offsets`,
        headers: { ...READER, 'content-type': V2 },
        payload: JSON.stringify({ partitions: [{ topic, partition: 0 }] }),
      });
    const outside = await committed('secret-topic');
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toEqual(FORBIDDEN);
    const inside = await committed(granted);
    // The route read the same body after the check (an empty one would be 404/40402).
    expect(inside.statusCode, inside.body).toBe(200);
    expect(inside.json()).toEqual({ offsets: [] });
  });
});
