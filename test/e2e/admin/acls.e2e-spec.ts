import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec, InjectedResponse } from '../../support/openapi';
import { TestContext } from '../../support/test-context';
import { uniqueName } from '../../support/unique-names';

const ACLS = '/clusters/{cluster_id}/acls';
const ACLS_BATCH = '/clusters/{cluster_id}/acls:batch';
const HOST = 'gw.test:8082';

type Acl = Record<
  | 'resource_type'
  | 'resource_name'
  | 'pattern_type'
  | 'principal'
  | 'host'
  | 'operation'
  | 'permission',
  string
>;

function without(object: Record<string, string>, key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(object).filter(([k]) => k !== key));
}

describe('acls', () => {
  let app: NestFastifyApplication;
  let clusterId: string;
  let base: string;

  beforeAll(async () => {
    app = await createTestApp();
    clusterId = await new TestContext(app).clusterId();
    base = `http://${HOST}/v3/clusters/${clusterId}/acls`;
  });
  afterAll(async () => {
    await app.close();
  });

  /** Each test gets its own principal, so ACLs made by other tests never match its searches. */
  function topicAcl(overrides: Partial<Acl> = {}): Acl {
    return {
      resource_type: 'TOPIC',
      resource_name: uniqueName('acl-topic'),
      pattern_type: 'LITERAL',
      principal: `User:${uniqueName('alice')}`,
      host: '*',
      operation: 'READ',
      permission: 'ALLOW',
      ...overrides,
    };
  }

  function searchUrl(params: Acl, prefix = 'v3'): string {
    return `http://${HOST}/${prefix}/clusters/${clusterId}/acls?${new URLSearchParams(params).toString()}`;
  }

  function aclData(acl: Acl): unknown {
    return {
      kind: 'KafkaAcl',
      metadata: { self: searchUrl(acl) },
      cluster_id: clusterId,
      ...acl,
    };
  }

  function request(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { query?: Record<string, string>; payload?: unknown; prefix?: string } = {},
  ): Promise<InjectedResponse & { json: <T>() => T }> {
    const query =
      options.query === undefined ? '' : `?${new URLSearchParams(options.query).toString()}`;
    const url = `/${options.prefix ?? 'v3'}/clusters/${clusterId}/${path}${query}`;
    const payload =
      options.payload === undefined
        ? {}
        : { payload: JSON.stringify(options.payload), headers: jsonHeaders() };
    return app.inject({ method, url, headers: { host: HOST }, ...payload });
  }

  function jsonHeaders(): Record<string, string> {
    return { host: HOST, 'content-type': 'application/json' };
  }

  async function create(acl: Acl): Promise<void> {
    const res = await request('POST', 'acls', { payload: acl });
    expect(res.statusCode, res.body).toBe(201);
  }

  async function search(query: Record<string, string>): Promise<{ data: unknown[] }> {
    const res = await request('GET', 'acls', { query });
    await expectToMatchSpec(res, 'GET', ACLS);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ data: unknown[] }>();
  }

  /** kafka-rest answers 204 where the spec says 201; both declare no body, which is checked. */
  async function expectBatchCreated(res: InjectedResponse): Promise<void> {
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe('');
    await expectToMatchSpec(res, 'POST', ACLS_BATCH);
  }

  describe('POST /v3/clusters/:cluster_id/acls', () => {
    it('creates an ACL that search finds and delete removes (round trip)', async () => {
      const acl = topicAcl({ host: '10.0.0.1', operation: 'WRITE' });

      const created = await request('POST', 'acls', { payload: acl });
      await expectToMatchSpec(created, 'POST', ACLS);
      expect(created.statusCode).toBe(201);
      expect(created.body).toBe('');
      expect(created.headers.location).toBe(searchUrl(acl));

      const found = await search({ principal: acl.principal });
      expect(found).toEqual({
        kind: 'KafkaAclList',
        metadata: {
          self: `${base}?resource_type=ANY&resource_name=&pattern_type=ANY&principal=${encodeURIComponent(acl.principal)}&host=&operation=ANY&permission=ANY`,
          next: null,
        },
        data: [aclData(acl)],
      });

      // The Location is itself a delete filter for exactly this ACL, as kafka-rest's test uses it.
      const location = new URL(String(created.headers.location));
      const deleted = await app.inject({
        method: 'DELETE',
        url: `${location.pathname}${location.search}`,
        headers: { host: HOST },
      });
      await expectToMatchSpec(deleted, 'DELETE', ACLS);
      expect(deleted.statusCode).toBe(200);
      expect(deleted.json()).toEqual({ data: [aclData(acl)] });

      expect((await search({ principal: acl.principal })).data).toEqual([]);
    });

    it('accepts enum values in any case and stores them upper-cased', async () => {
      const acl = topicAcl();
      const res = await request('POST', 'acls', {
        payload: { ...acl, resource_type: 'topic', pattern_type: 'Literal', operation: 'read' },
      });
      await expectToMatchSpec(res, 'POST', ACLS);
      expect(res.statusCode).toBe(201);
      expect((await search({ principal: acl.principal })).data).toEqual([aclData(acl)]);
    });

    it('reads a number sent for a string field as its text, as Jackson does', async () => {
      const resourceName = Date.now() * 1000 + Math.floor(Math.random() * 1000);
      const acl = topicAcl({ resource_name: String(resourceName) });
      const res = await request('POST', 'acls', {
        payload: { ...acl, resource_name: resourceName },
      });
      await expectToMatchSpec(res, 'POST', ACLS);
      expect(res.statusCode, res.body).toBe(201);
      expect((await search({ principal: acl.principal })).data).toEqual([aclData(acl)]);
    });

    it('creates ACLs on the cluster, groups and prefixed names', async () => {
      const principal = `User:${uniqueName('carol')}`;
      const acls = [
        topicAcl({ principal, resource_type: 'CLUSTER', resource_name: 'kafka-cluster' }),
        topicAcl({
          principal,
          resource_type: 'GROUP',
          resource_name: 'g-',
          pattern_type: 'PREFIXED',
        }),
        topicAcl({ principal, permission: 'DENY', operation: 'DESCRIBE' }),
      ];
      acls[0].operation = 'ALTER';
      for (const acl of acls) {
        await create(acl);
      }
      const found = await search({ principal });
      // Sorted like kafka-rest: by resource type in Kafka's code order (TOPIC, GROUP, CLUSTER).
      expect(found.data).toEqual([aclData(acls[2]), aclData(acls[1]), aclData(acls[0])]);
    });

    it.each([
      ['resource_type', 'ANY', 'resource_type cannot be ANY'],
      ['resource_type', 'UNKNOWN', 'resource_type cannot be UNKNOWN'],
      ['pattern_type', 'MATCH', 'pattern_type cannot be MATCH'],
      ['pattern_type', 'ANY', 'pattern_type cannot be ANY'],
      ['operation', 'ANY', 'operation cannot be ANY'],
      ['permission', 'ANY', 'permission cannot be ANY'],
    ])('returns 400 when %s is the wildcard %s', async (field, value, message) => {
      const res = await request('POST', 'acls', { payload: topicAcl({ [field]: value }) });
      await expectToMatchSpec(res, 'POST', ACLS);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error_code: 400, message });
    });

    it('returns 400/40002 for a CLUSTER resource not named kafka-cluster', async () => {
      const res = await request('POST', 'acls', {
        payload: topicAcl({ resource_type: 'CLUSTER', resource_name: 'my-cluster' }),
      });
      await expectToMatchSpec(res, 'POST', ACLS);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error_code: 40002,
        message: 'The only valid name for the CLUSTER resource is kafka-cluster',
      });
    });

    it("returns 400/40002 with Kafka's message for a principal without a type", async () => {
      const res = await request('POST', 'acls', { payload: topicAcl({ principal: 'alice' }) });
      await expectToMatchSpec(res, 'POST', ACLS);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error_code: 40002,
        message:
          'Could not parse principal from `alice` (no colon is present separating the principal type from the principal name)',
      });
    });

    it('returns 400 when a field is missing or not a known value', async () => {
      const missing = await request('POST', 'acls', { payload: without(topicAcl(), 'principal') });
      await expectToMatchSpec(missing, 'POST', ACLS);
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toEqual({
        error_code: 400,
        message: "Invalid value for 'principal': Required",
      });

      const unknown = await request('POST', 'acls', { payload: topicAcl({ operation: 'FLY' }) });
      await expectToMatchSpec(unknown, 'POST', ACLS);
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<{ message: string }>().message).toMatch(/^Invalid value for 'operation'/);
    });

    it('returns 422 for an empty body and for an unknown field', async () => {
      const empty = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/acls`,
        headers: jsonHeaders(),
      });
      await expectToMatchSpec(empty, 'POST', ACLS);
      expect(empty.statusCode).toBe(422);
      expect(empty.json()).toEqual({
        error_code: 42206,
        message: 'Payload error. Request body is empty. Data is required.',
      });

      const extra = await request('POST', 'acls', { payload: { ...topicAcl(), colour: 'red' } });
      await expectToMatchSpec(extra, 'POST', ACLS);
      expect(extra.statusCode).toBe(422);
      expect(extra.json()).toEqual({ error_code: 422, message: 'Unrecognized field: colour' });
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/v3/clusters/no-such-cluster/acls',
        headers: jsonHeaders(),
        payload: JSON.stringify(topicAcl()),
      });
      await expectToMatchSpec(res, 'POST', ACLS);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error_code: 404,
        message: 'Cluster no-such-cluster cannot be found.',
      });
    });
  });

  describe('GET /v3/clusters/:cluster_id/acls', () => {
    it('filters by resource, pattern, host, operation and permission', async () => {
      const principal = `User:${uniqueName('dave')}`;
      const topic = uniqueName('orders');
      const literal = topicAcl({ principal, resource_name: topic });
      const prefixed = topicAcl({
        principal,
        resource_name: topic.slice(0, 6),
        pattern_type: 'PREFIXED',
        operation: 'WRITE',
        host: '10.1.2.3',
      });
      const otherTopic = topicAcl({ principal, permission: 'DENY' });
      for (const acl of [literal, prefixed, otherTopic]) {
        await create(acl);
      }

      // MATCH finds every pattern that applies to the named topic (names sort 'orders' first).
      const matching = await search({
        principal,
        resource_type: 'topic',
        resource_name: topic,
        pattern_type: 'match',
      });
      expect(matching.data).toEqual([aclData(prefixed), aclData(literal)]);

      expect((await search({ principal, pattern_type: 'PREFIXED' })).data).toEqual([
        aclData(prefixed),
      ]);
      expect((await search({ principal, host: '10.1.2.3' })).data).toEqual([aclData(prefixed)]);
      expect((await search({ principal, operation: 'write' })).data).toEqual([aclData(prefixed)]);
      expect((await search({ principal, permission: 'DENY' })).data).toEqual([aclData(otherTopic)]);
      expect((await search({ principal, resource_type: 'GROUP' })).data).toEqual([]);
    });

    it('echoes the search in metadata.self, with every parameter', async () => {
      const res = await request('GET', 'acls', {
        query: { resource_type: 'topic', resource_name: 'topic-1', pattern_type: 'match' },
      });
      await expectToMatchSpec(res, 'GET', ACLS);
      expect(res.json<{ metadata: unknown }>().metadata).toEqual({
        self: `${base}?resource_type=TOPIC&resource_name=topic-1&pattern_type=MATCH&principal=&host=&operation=ANY&permission=ANY`,
        next: null,
      });
    });

    it('serves the same ACLs under /kafka/v3 with /kafka/v3 links', async () => {
      const acl = topicAcl();
      await create(acl);
      const res = await request('GET', 'acls', {
        query: { principal: acl.principal },
        prefix: 'kafka/v3',
      });
      await expectToMatchSpec(res, 'GET', ACLS);
      expect(res.json<{ data: unknown[] }>().data).toEqual([
        { ...(aclData(acl) as object), metadata: { self: searchUrl(acl, 'kafka/v3') } },
      ]);
    });

    it.each([
      ['resource_type', 'unknown', 'resource_type cannot be UNKNOWN'],
      ['operation', 'UNKNOWN', 'operation cannot be UNKNOWN'],
    ])('returns 400 when %s is %s', async (param, value, message) => {
      const res = await request('GET', 'acls', { query: { [param]: value } });
      await expectToMatchSpec(res, 'GET', ACLS);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error_code: 400, message });
    });

    it('returns the plain 404 of JAX-RS for an enum value Kafka does not define', async () => {
      const res = await request('GET', 'acls', { query: { permission: 'maybe' } });
      await expectToMatchSpec(res, 'GET', ACLS);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await app.inject({ method: 'GET', url: '/v3/clusters/no-such-cluster/acls' });
      await expectToMatchSpec(res, 'GET', ACLS);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error_code: 404,
        message: 'Cluster no-such-cluster cannot be found.',
      });
    });
  });

  describe('POST /v3/clusters/:cluster_id/acls:batch', () => {
    it.each(['v3', 'kafka/v3'])('creates every ACL and returns 204 under /%s', async (prefix) => {
      const principal = `User:${uniqueName('erin')}`;
      const acls = [
        topicAcl({ principal, operation: 'DESCRIBE' }),
        topicAcl({ principal, resource_type: 'GROUP', resource_name: uniqueName('group') }),
      ];
      const res = await request('POST', 'acls:batch', { payload: { data: acls }, prefix });
      await expectBatchCreated(res);
      expect((await search({ principal })).data).toEqual([aclData(acls[0]), aclData(acls[1])]);
    });

    it('accepts an empty list', async () => {
      await expectBatchCreated(await request('POST', 'acls:batch', { payload: { data: [] } }));
    });

    it.each([
      ['a JSON null', null, 'Payload error. Null input provided. Data is required.'],
      ['an object without data', {}, 'Payload error. Empty input provided. Data is required.'],
      ['a null data', { data: null }, 'Payload error. Empty input provided. Data is required.'],
      ['a JSON array', [], 'Payload error. Invalid input provided. Data is required.'],
    ])('returns 422/42206 for %s', async (_case, payload, message) => {
      const res = await request('POST', 'acls:batch', { payload });
      await expectToMatchSpec(res, 'POST', ACLS_BATCH);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({ error_code: 42206, message });
    });

    it('returns 422 for an empty body and for an unknown field', async () => {
      const empty = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/acls:batch`,
        headers: jsonHeaders(),
      });
      await expectToMatchSpec(empty, 'POST', ACLS_BATCH);
      expect(empty.statusCode).toBe(422);
      // CreateAclBatchAction's own words: Jackson's JAX-RS provider reads empty input as null.
      expect(empty.json()).toEqual({
        error_code: 42206,
        message: 'Payload error. Null input provided. Data is required.',
      });

      const extra = await request('POST', 'acls:batch', {
        payload: { data: [{ ...topicAcl(), colour: 'red' }] },
      });
      await expectToMatchSpec(extra, 'POST', ACLS_BATCH);
      expect(extra.statusCode).toBe(422);
      expect(extra.json()).toEqual({ error_code: 422, message: 'Unrecognized field: colour' });
    });

    // kafka-rest sends the whole batch to Kafka, which judges each binding on its own.
    it('creates the bindings Kafka takes and answers 400/40002 for one it refuses', async () => {
      const good = topicAcl();
      const res = await request('POST', 'acls:batch', {
        payload: {
          data: [good, topicAcl({ resource_type: 'CLUSTER', resource_name: 'my-cluster' })],
        },
      });
      await expectToMatchSpec(res, 'POST', ACLS_BATCH);
      expect([res.statusCode, res.json()]).toEqual([
        400,
        {
          error_code: 40002,
          message: 'The only valid name for the CLUSTER resource is kafka-cluster',
        },
      ]);
      expect((await search({ principal: good.principal })).data).toEqual([aclData(good)]);
    });

    it('returns 400 and creates nothing when one entry is a wildcard', async () => {
      const good = topicAcl();
      const res = await request('POST', 'acls:batch', {
        payload: { data: [good, topicAcl({ principal: good.principal, operation: 'ANY' })] },
      });
      await expectToMatchSpec(res, 'POST', ACLS_BATCH);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error_code: 400, message: 'operation cannot be ANY' });
      expect((await search({ principal: good.principal })).data).toEqual([]);
    });
  });

  describe('DELETE /v3/clusters/:cluster_id/acls', () => {
    it('deletes every matching ACL and returns them sorted, without kind or metadata', async () => {
      const principal = `User:${uniqueName('frank')}`;
      const resource = uniqueName('payments');
      const write = topicAcl({ principal, resource_name: resource, operation: 'WRITE' });
      const read = topicAcl({ principal, resource_name: resource, operation: 'READ' });
      const kept = topicAcl({ principal, resource_name: resource, permission: 'DENY' });
      for (const acl of [write, read, kept]) {
        await create(acl);
      }

      const res = await request('DELETE', 'acls', {
        query: {
          resource_type: 'TOPIC',
          resource_name: resource,
          pattern_type: 'LITERAL',
          principal,
          operation: 'any',
          permission: 'ALLOW',
        },
      });
      await expectToMatchSpec(res, 'DELETE', ACLS);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: [aclData(read), aclData(write)] });
      expect((await search({ principal })).data).toEqual([aclData(kept)]);
    });

    it('returns an empty list when nothing matches', async () => {
      const res = await request('DELETE', 'acls', {
        query: {
          resource_type: 'TOPIC',
          pattern_type: 'ANY',
          principal: `User:${uniqueName('nobody')}`,
          operation: 'ANY',
          permission: 'ANY',
        },
      });
      await expectToMatchSpec(res, 'DELETE', ACLS);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: [] });
    });

    const required = {
      resource_type: 'TOPIC',
      pattern_type: 'LITERAL',
      operation: 'READ',
      permission: 'ALLOW',
    };
    it.each(Object.keys(required))('returns 400 when %s is missing or UNKNOWN', async (param) => {
      const rest = without(required, param);
      const body = { error_code: 400, message: `${param} cannot be unspecified or UNKNOWN` };

      const missing = await request('DELETE', 'acls', { query: rest });
      await expectToMatchSpec(missing, 'DELETE', ACLS);
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toEqual(body);

      const unknown = await request('DELETE', 'acls', { query: { ...rest, [param]: 'unknown' } });
      await expectToMatchSpec(unknown, 'DELETE', ACLS);
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toEqual(body);
    });

    // kafka-rest's AclsResourceIntegrationTest.testMultiDeleteBadQueryParameter.
    it('returns 404 and deletes nothing for resource_type=teapot', async () => {
      const acl = topicAcl();
      await create(acl);
      const res = await request('DELETE', 'acls', { query: { resource_type: 'teapot' } });
      await expectToMatchSpec(res, 'DELETE', ACLS);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
      const search = await request('GET', 'acls', { query: { principal: acl.principal } });
      expect(search.json<{ data: unknown[] }>().data).toHaveLength(1);
    });

    // Only an absent parameter takes its default: JAX-RS converts an empty one, and
    // kafka-rest's enum converter refuses ''.
    it('returns 404 for an empty enum parameter, on search and delete', async () => {
      const acl = topicAcl();
      await create(acl);
      for (const param of ['resource_type', 'pattern_type', 'operation', 'permission']) {
        const search = await request('GET', 'acls', { query: { [param]: '' } });
        await expectToMatchSpec(search, 'GET', ACLS);
        expect(search.statusCode).toBe(404);
        const query = { ...acl, [param]: '' };
        const deleted = await request('DELETE', 'acls', { query });
        await expectToMatchSpec(deleted, 'DELETE', ACLS);
        expect(deleted.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
      }
      const search = await request('GET', 'acls', { query: { principal: acl.principal } });
      expect(search.json<{ data: unknown[] }>().data).toHaveLength(1);
    });
  });
});
