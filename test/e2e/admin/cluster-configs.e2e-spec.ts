import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';

const CONFIGS = '/clusters/{cluster_id}/broker-configs';
const CONFIG = '/clusters/{cluster_id}/broker-configs/{name}';
const ALTER = '/clusters/{cluster_id}/broker-configs:alter';

// Cluster-wide defaults this file changes; the topic and broker config specs (running in
// parallel against the same broker) assert none of them. Values stay harmless.
const PER_IP = 'max.connections.per.ip';
const ROLL_MS = 'log.roll.ms';
const FLUSH_MS = 'log.flush.interval.ms';

type ConfigList = { kind: string; metadata: unknown; data: { name: string; source: string }[] };

type InjectResponse = Awaited<ReturnType<NestFastifyApplication['inject']>>;

describe('cluster configs', () => {
  let app: NestFastifyApplication;
  let clusterId: string;

  beforeAll(async () => {
    app = await createTestApp();
    clusterId = await new TestContext(app).clusterId();
  });
  afterAll(async () => {
    await app.close();
  });

  function base(prefix = '/v3'): string {
    return `http://localhost:80${prefix}/clusters/${clusterId}`;
  }

  /** A dynamic cluster-wide default: the only kind of config this collection lists. */
  function expectedConfig(name: string, value: string, prefix = '/v3') {
    return {
      kind: 'KafkaClusterConfig',
      metadata: {
        self: `${base(prefix)}/broker-configs/${name}`,
        resource_name: `crn:///kafka=${clusterId}/broker-config=${name}`,
      },
      cluster_id: clusterId,
      config_type: 'BROKER',
      name,
      value,
      is_default: false,
      is_read_only: false,
      is_sensitive: false,
      source: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
      synonyms: [{ name, value, source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' }],
    };
  }

  function request(method: 'GET' | 'PUT' | 'DELETE' | 'POST', path: string, payload?: object) {
    return app.inject({ method, url: `/v3/clusters/${clusterId}/broker-configs${path}`, payload });
  }

  async function getConfig(name: string): Promise<InjectResponse> {
    const res = await request('GET', `/${name}`);
    await expectToMatchSpec(res, 'GET', CONFIG);
    return res;
  }

  /** A write answers once the brokers show it: the read right after it sees the change. */
  async function expectConfig(name: string, value: string | undefined) {
    const expected =
      value === undefined
        ? { error_code: 404, message: 'HTTP 404 Not Found' }
        : expectedConfig(name, value);
    expect((await getConfig(name)).json()).toEqual(expected);
  }

  describe('GET /v3/clusters/:cluster_id/broker-configs', () => {
    it('lists only dynamic cluster-wide defaults, sorted by name', async () => {
      await request('PUT', `/${PER_IP}`, { value: '100000' });
      await expectConfig(PER_IP, '100000');

      const res = await request('GET', '');
      await expectToMatchSpec(res, 'GET', CONFIGS);
      expect(res.statusCode).toBe(200);
      const body = res.json<ConfigList>();
      expect(body.kind).toBe('KafkaClusterConfigList');
      expect(body.metadata).toEqual({ self: `${base()}/broker-configs`, next: null });
      expect(body.data).toContainEqual(expectedConfig(PER_IP, '100000'));
      expect(new Set(body.data.map((c) => c.source))).toEqual(
        new Set(['DYNAMIC_DEFAULT_BROKER_CONFIG']),
      );
      const names = body.data.map((c) => c.name);
      expect(names).toEqual([...names].sort());

      await request('DELETE', `/${PER_IP}`);
      await expectConfig(PER_IP, undefined);
      const after = await request('GET', '');
      expect(after.json<ConfigList>().data.map((c) => c.name)).not.toContain(PER_IP);
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await app.inject({ method: 'GET', url: '/v3/clusters/nope/broker-configs' });
      await expectToMatchSpec(res, 'GET', CONFIGS);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });

  describe('GET /v3/clusters/:cluster_id/broker-configs/:name', () => {
    it('returns 404 for a config that has no cluster-wide default', async () => {
      const res = await getConfig(FLUSH_MS);
      expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });
  });

  describe('PUT and DELETE /v3/clusters/:cluster_id/broker-configs/:name', () => {
    it('creates a default that every broker inherits, then deletes it, answering 204', async () => {
      const put = await request('PUT', `/${ROLL_MS}`, { value: '86400000' });
      await expectToMatchSpec(put, 'PUT', CONFIG);
      expect(put.statusCode).toBe(204);
      await expectConfig(ROLL_MS, '86400000');
      const get = await app.inject({
        method: 'GET',
        url: `/kafka/v3/clusters/${clusterId}/broker-configs/${ROLL_MS}`,
      });
      await expectToMatchSpec(get, 'GET', CONFIG);
      expect(get.json()).toEqual(expectedConfig(ROLL_MS, '86400000', '/kafka/v3'));

      const del = await request('DELETE', `/${ROLL_MS}`);
      await expectToMatchSpec(del, 'DELETE', CONFIG);
      expect(del.statusCode).toBe(204);
      await expectConfig(ROLL_MS, undefined);
    });

    it("returns 400/40002 with Kafka's message for an invalid value", async () => {
      const res = await request('PUT', `/${PER_IP}`, { value: 'abc' });
      await expectToMatchSpec(res, 'PUT', CONFIG);
      expect(res.json()).toEqual({
        error_code: 40002,
        message: `Invalid value abc for configuration ${PER_IP}: Not a number of type INT`,
      });
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await app.inject({
        method: 'PUT',
        url: `/v3/clusters/nope/broker-configs/${PER_IP}`,
        payload: { value: '100000' },
      });
      await expectToMatchSpec(res, 'PUT', CONFIG);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });

  describe('POST /v3/clusters/:cluster_id/broker-configs:alter', () => {
    it('changes only the configs it names: an earlier default survives (incremental alter)', async () => {
      // A: set first, then never named again.
      await request('PUT', `/${PER_IP}`, { value: '200000' });
      await expectConfig(PER_IP, '200000');

      // B: set and then deleted through batch alters.
      const set = await request('POST', ':alter', { data: [{ name: FLUSH_MS, value: '600000' }] });
      await expectToMatchSpec(set, 'POST', ALTER);
      expect(set.statusCode).toBe(204);
      await expectConfig(FLUSH_MS, '600000');
      const del = await request('POST', ':alter', {
        data: [{ name: FLUSH_MS, operation: 'DELETE' }],
      });
      expect(del.statusCode).toBe(204);
      await expectConfig(FLUSH_MS, undefined);

      expect((await getConfig(PER_IP)).json()).toEqual(expectedConfig(PER_IP, '200000'));
      await request('DELETE', `/${PER_IP}`);
      await expectConfig(PER_IP, undefined);
    });

    it('applies SET and DELETE in one batch under /kafka/v3', async () => {
      await request('PUT', `/${ROLL_MS}`, { value: '43200000' });
      await expectConfig(ROLL_MS, '43200000');
      const res = await app.inject({
        method: 'POST',
        url: `/kafka/v3/clusters/${clusterId}/broker-configs:alter`,
        payload: {
          data: [
            { name: FLUSH_MS, value: '900000', operation: 'SET' },
            { name: ROLL_MS, operation: 'DELETE' },
          ],
        },
      });
      await expectToMatchSpec(res, 'POST', ALTER);
      expect(res.statusCode).toBe(204);
      await expectConfig(FLUSH_MS, '900000');
      await expectConfig(ROLL_MS, undefined);
      await request('DELETE', `/${FLUSH_MS}`);
      await expectConfig(FLUSH_MS, undefined);
    });

    it('only validates with validate_only', async () => {
      const res = await request('POST', ':alter', {
        data: [{ name: FLUSH_MS, value: '700000' }],
        validate_only: true,
      });
      await expectToMatchSpec(res, 'POST', ALTER);
      expect(res.statusCode).toBe(204);
      await new Promise((r) => setTimeout(r, 500));
      expect((await getConfig(FLUSH_MS)).json()).toEqual({
        error_code: 404,
        message: 'HTTP 404 Not Found',
      });
    });

    it('returns 400/40002 for an invalid value and 422 for an empty body', async () => {
      const invalid = await request('POST', ':alter', { data: [{ name: FLUSH_MS, value: 'x' }] });
      await expectToMatchSpec(invalid, 'POST', ALTER);
      expect(invalid.json()).toEqual({
        error_code: 40002,
        message: `Invalid value x for configuration ${FLUSH_MS}: Not a number of type LONG`,
      });
      const empty = await app.inject({
        method: 'POST',
        url: `/v3/clusters/${clusterId}/broker-configs:alter`,
        headers: { 'content-type': 'application/json' },
      });
      await expectToMatchSpec(empty, 'POST', ALTER);
      expect(empty.json()).toEqual({
        error_code: 42206,
        message: 'Payload error. Request body is empty. Data is required.',
      });
    });
  });
});
