import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { expectToMatchSpec } from '../../support/openapi';
import { TestContext } from '../../support/test-context';

const CONFIGS = '/clusters/{cluster_id}/brokers/{broker_id}/configs';
const CONFIG = '/clusters/{cluster_id}/brokers/{broker_id}/configs/{name}';
const ALTER = '/clusters/{cluster_id}/brokers/{broker_id}/configs:alter';
const ALL_CONFIGS = '/clusters/{cluster_id}/brokers/-/configs';

// Per-broker configs this file changes; other config specs leave them alone (they run in parallel
// against the same broker). Values stay harmless: more cleaner threads, more connections.
const THREADS = 'log.cleaner.threads';
const BACKOFF = 'log.cleaner.backoff.ms';
const MAX_CONNECTIONS = 'max.connections';

interface Synonym {
  name: string;
  value: string | null;
  source: string;
}
interface ConfigFields {
  value: string | null;
  is_default: boolean;
  source: string;
  synonyms: Synonym[];
}
type ConfigList = { kind: string; metadata: unknown; data: { broker_id: number; name: string }[] };

function byDefault(name: string, value: string): ConfigFields {
  return {
    value,
    is_default: true,
    source: 'DEFAULT_CONFIG',
    synonyms: [{ name, value, source: 'DEFAULT_CONFIG' }],
  };
}

function perBroker(name: string, value: string, defaultValue: string): ConfigFields {
  return {
    value,
    is_default: false,
    source: 'DYNAMIC_BROKER_CONFIG',
    synonyms: [
      { name, value, source: 'DYNAMIC_BROKER_CONFIG' },
      { name, value: defaultValue, source: 'DEFAULT_CONFIG' },
    ],
  };
}

// Kafka 4.1 defaults.
const DEFAULTS: Record<string, string> = {
  [THREADS]: '1',
  [BACKOFF]: '15000',
  [MAX_CONNECTIONS]: '2147483647',
};

type InjectResponse = Awaited<ReturnType<NestFastifyApplication['inject']>>;

describe('broker configs', () => {
  let app: NestFastifyApplication;
  let clusterId: string;
  let brokerId: number;

  beforeAll(async () => {
    app = await createTestApp();
    clusterId = await new TestContext(app).clusterId();
    const brokers = await app.inject({ method: 'GET', url: `/v3/clusters/${clusterId}/brokers` });
    brokerId = brokers.json<{ data: { broker_id: number }[] }>().data[0].broker_id;
  });
  afterAll(async () => {
    await app.close();
  });

  function base(prefix = '/v3'): string {
    return `http://localhost:80${prefix}/clusters/${clusterId}`;
  }

  function expectedConfig(name: string, fields: ConfigFields, prefix = '/v3') {
    return {
      kind: 'KafkaBrokerConfig',
      metadata: {
        self: `${base(prefix)}/brokers/${brokerId}/configs/${name}`,
        resource_name: `crn:///kafka=${clusterId}/broker=${brokerId}/config=${name}`,
      },
      cluster_id: clusterId,
      broker_id: brokerId,
      name,
      is_read_only: false,
      is_sensitive: false,
      ...fields,
    };
  }

  function request(method: 'GET' | 'PUT' | 'DELETE' | 'POST', path: string, payload?: object) {
    return app.inject({ method, url: `/v3/clusters/${clusterId}/brokers/${path}`, payload });
  }

  async function getConfig(name: string): Promise<InjectResponse> {
    const res = await request('GET', `${brokerId}/configs/${name}`);
    await expectToMatchSpec(res, 'GET', CONFIG);
    return res;
  }

  /** A write answers once the broker shows it: the read right after it sees the change. */
  async function expectConfig(name: string, fields: ConfigFields) {
    expect((await getConfig(name)).json()).toEqual(expectedConfig(name, fields));
  }

  async function resetToDefault(name: string) {
    const res = await request('DELETE', `${brokerId}/configs/${name}`);
    expect(res.statusCode).toBe(204);
    await expectConfig(name, byDefault(name, DEFAULTS[name]));
  }

  describe('GET /v3/clusters/:cluster_id/brokers/:broker_id/configs', () => {
    it('returns every config of the broker, sorted by name', async () => {
      const res = await request('GET', `${brokerId}/configs`);
      await expectToMatchSpec(res, 'GET', CONFIGS);
      expect(res.statusCode).toBe(200);
      const body = res.json<ConfigList>();
      expect(body.kind).toBe('KafkaBrokerConfigList');
      expect(body.metadata).toEqual({ self: `${base()}/brokers/${brokerId}/configs`, next: null });
      const names = body.data.map((c) => c.name);
      expect(names).toEqual([...names].sort());
      expect(body.data).toContainEqual(
        expectedConfig(MAX_CONNECTIONS, byDefault(MAX_CONNECTIONS, DEFAULTS[MAX_CONNECTIONS])),
      );
      // The local broker's server.properties: a static config with its built-in default below.
      expect(body.data).toContainEqual(
        expectedConfig('message.max.bytes', {
          value: '20971520',
          is_default: false,
          source: 'STATIC_BROKER_CONFIG',
          synonyms: [
            { name: 'message.max.bytes', value: '20971520', source: 'STATIC_BROKER_CONFIG' },
            { name: 'message.max.bytes', value: '1048588', source: 'DEFAULT_CONFIG' },
          ],
        }),
      );
    });

    it('returns 404 for an unknown broker, a non-numeric id and an unknown cluster', async () => {
      for (const id of ['4242', 'abc', '99999999999']) {
        const res = await request('GET', `${id}/configs`);
        await expectToMatchSpec(res, 'GET', CONFIGS);
        expect(res.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
      }
      const res = await app.inject({
        method: 'GET',
        url: `/v3/clusters/nope/brokers/${brokerId}/configs`,
      });
      await expectToMatchSpec(res, 'GET', CONFIGS);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });

  describe('GET /v3/clusters/:cluster_id/brokers/-/configs', () => {
    it('returns the configs of every broker, by broker then by name', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/kafka/v3/clusters/${clusterId}/brokers/-/configs`,
      });
      await expectToMatchSpec(res, 'GET', ALL_CONFIGS);
      expect(res.statusCode).toBe(200);
      const body = res.json<ConfigList>();
      expect(body.kind).toBe('KafkaBrokerConfigList');
      expect(body.metadata).toEqual({
        self: `${base('/kafka/v3')}/brokers/-/configs`,
        next: null,
      });
      const single = await app.inject({
        method: 'GET',
        url: `/kafka/v3/clusters/${clusterId}/brokers/${brokerId}/configs`,
      });
      const mine = body.data.filter((c) => c.broker_id === brokerId);
      expect(mine.map((c) => c.name)).toEqual(single.json<ConfigList>().data.map((c) => c.name));
      expect(mine).toContainEqual(
        expectedConfig(
          MAX_CONNECTIONS,
          byDefault(MAX_CONNECTIONS, DEFAULTS[MAX_CONNECTIONS]),
          '/kafka/v3',
        ),
      );
      const order = body.data.map((c) => [c.broker_id, c.name] as const);
      const sorted = [...order].sort(([a, x], [b, y]) => a - b || (x < y ? -1 : x > y ? 1 : 0));
      expect(order).toEqual(sorted);
    });

    it('returns 404 for an unknown cluster', async () => {
      const res = await app.inject({ method: 'GET', url: '/v3/clusters/nope/brokers/-/configs' });
      await expectToMatchSpec(res, 'GET', ALL_CONFIGS);
      expect(res.json()).toEqual({ error_code: 404, message: 'Cluster nope cannot be found.' });
    });
  });

  describe('GET /v3/clusters/:cluster_id/brokers/:broker_id/configs/:name', () => {
    it('returns one config', async () => {
      const res = await getConfig(MAX_CONNECTIONS);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(
        expectedConfig(MAX_CONNECTIONS, byDefault(MAX_CONNECTIONS, DEFAULTS[MAX_CONNECTIONS])),
      );
    });

    it('returns 404 for an unknown config name and for an unknown broker', async () => {
      const configRes = await getConfig('no.such.config');
      expect(configRes.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
      const brokerRes = await request('GET', `4242/configs/${MAX_CONNECTIONS}`);
      await expectToMatchSpec(brokerRes, 'GET', CONFIG);
      expect(brokerRes.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });
  });

  describe('PUT and DELETE /v3/clusters/:cluster_id/brokers/:broker_id/configs/:name', () => {
    it('sets a per-broker value, then resets it to the default, answering 204', async () => {
      const put = await request('PUT', `${brokerId}/configs/${THREADS}`, { value: '2' });
      await expectToMatchSpec(put, 'PUT', CONFIG);
      expect(put.statusCode).toBe(204);
      await expectConfig(THREADS, perBroker(THREADS, '2', DEFAULTS[THREADS]));

      const del = await request('DELETE', `${brokerId}/configs/${THREADS}`);
      await expectToMatchSpec(del, 'DELETE', CONFIG);
      expect(del.statusCode).toBe(204);
      await expectConfig(THREADS, byDefault(THREADS, DEFAULTS[THREADS]));
    });

    it('returns 400/40002 for an invalid value and for a config that is not dynamic', async () => {
      const invalid = await request('PUT', `${brokerId}/configs/${THREADS}`, { value: 'abc' });
      await expectToMatchSpec(invalid, 'PUT', CONFIG);
      expect(invalid.json()).toEqual({
        error_code: 40002,
        message: `Invalid value abc for configuration ${THREADS}: Not a number of type INT`,
      });
      const readOnly = await request('PUT', `${brokerId}/configs/log.dirs`, { value: '/tmp/x' });
      await expectToMatchSpec(readOnly, 'PUT', CONFIG);
      expect(readOnly.json()).toEqual({
        error_code: 40002,
        message: 'Cannot update these configs dynamically: Set(log.dirs)',
      });
    });

    it('returns 404 for an unknown config name and for an unknown broker', async () => {
      const message = `Config no.such.config cannot be found for BROKER ${brokerId} in cluster ${clusterId}.`;
      const put = await request('PUT', `${brokerId}/configs/no.such.config`, { value: '1' });
      await expectToMatchSpec(put, 'PUT', CONFIG);
      expect(put.json()).toEqual({ error_code: 404, message });
      const del = await request('DELETE', `${brokerId}/configs/no.such.config`);
      await expectToMatchSpec(del, 'DELETE', CONFIG);
      expect(del.json()).toEqual({ error_code: 404, message });
      const broker = await request('PUT', `4242/configs/${THREADS}`, { value: '2' });
      await expectToMatchSpec(broker, 'PUT', CONFIG);
      expect(broker.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });

    it('returns 404 for a non-numeric broker id before reading the body, as Jersey', async () => {
      // BrokerConfigsResourceIntegrationTest.updateBrokerConfig_nonExistingBroker_throwsNotFound
      const body = { data: { attributes: { value: 'producer' } } };
      const put = await request('PUT', 'foobar/configs/compression.type', body);
      await expectToMatchSpec(put, 'PUT', CONFIG);
      expect(put.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
      const alter = await request('POST', 'foobar/configs:alter', body);
      expect(alter.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });
  });

  describe('POST /v3/clusters/:cluster_id/brokers/:broker_id/configs:alter', () => {
    it('changes only the configs it names: an earlier setting survives (incremental alter)', async () => {
      // A: set first, then never named again.
      await request('PUT', `${brokerId}/configs/${BACKOFF}`, { value: '20000' });
      await expectConfig(BACKOFF, perBroker(BACKOFF, '20000', DEFAULTS[BACKOFF]));

      // B: set and then deleted through batch alters.
      const set = await request('POST', `${brokerId}/configs:alter`, {
        data: [{ name: MAX_CONNECTIONS, value: '100000' }],
      });
      await expectToMatchSpec(set, 'POST', ALTER);
      expect(set.statusCode).toBe(204);
      await expectConfig(
        MAX_CONNECTIONS,
        perBroker(MAX_CONNECTIONS, '100000', DEFAULTS[MAX_CONNECTIONS]),
      );
      const del = await request('POST', `${brokerId}/configs:alter`, {
        data: [{ name: MAX_CONNECTIONS, operation: 'DELETE' }],
      });
      expect(del.statusCode).toBe(204);
      await expectConfig(MAX_CONNECTIONS, byDefault(MAX_CONNECTIONS, DEFAULTS[MAX_CONNECTIONS]));

      expect((await getConfig(BACKOFF)).json()).toEqual(
        expectedConfig(BACKOFF, perBroker(BACKOFF, '20000', DEFAULTS[BACKOFF])),
      );
      await resetToDefault(BACKOFF);
    });

    it('applies SET and DELETE in one batch under /kafka/v3', async () => {
      await request('PUT', `${brokerId}/configs/${BACKOFF}`, { value: '25000' });
      await expectConfig(BACKOFF, perBroker(BACKOFF, '25000', DEFAULTS[BACKOFF]));
      const res = await app.inject({
        method: 'POST',
        url: `/kafka/v3/clusters/${clusterId}/brokers/${brokerId}/configs:alter`,
        payload: {
          data: [
            { name: THREADS, value: '2', operation: 'SET' },
            { name: BACKOFF, operation: 'DELETE' },
          ],
        },
      });
      await expectToMatchSpec(res, 'POST', ALTER);
      expect(res.statusCode).toBe(204);
      await expectConfig(THREADS, perBroker(THREADS, '2', DEFAULTS[THREADS]));
      await expectConfig(BACKOFF, byDefault(BACKOFF, DEFAULTS[BACKOFF]));
      await resetToDefault(THREADS);
    });

    it('only validates with validate_only', async () => {
      const res = await request('POST', `${brokerId}/configs:alter`, {
        data: [{ name: BACKOFF, value: '30000' }],
        validate_only: true,
      });
      await expectToMatchSpec(res, 'POST', ALTER);
      expect(res.statusCode).toBe(204);
      await new Promise((r) => setTimeout(r, 500));
      expect((await getConfig(BACKOFF)).json()).toEqual(
        expectedConfig(BACKOFF, byDefault(BACKOFF, DEFAULTS[BACKOFF])),
      );
    });

    it('returns 404 and changes nothing when one config name is unknown', async () => {
      const res = await request('POST', `${brokerId}/configs:alter`, {
        data: [
          { name: BACKOFF, value: '30000' },
          { name: 'no.such.config', value: '1' },
        ],
      });
      await expectToMatchSpec(res, 'POST', ALTER);
      expect(res.json()).toEqual({
        error_code: 404,
        message: `Config no.such.config cannot be found for BROKER ${brokerId} in cluster ${clusterId}.`,
      });
      await new Promise((r) => setTimeout(r, 500));
      expect((await getConfig(BACKOFF)).json()).toEqual(
        expectedConfig(BACKOFF, byDefault(BACKOFF, DEFAULTS[BACKOFF])),
      );
    });

    it('returns 400 for an unknown operation and 404 for an unknown broker', async () => {
      const op = await request('POST', `${brokerId}/configs:alter`, {
        data: [{ name: BACKOFF, operation: 'APPEND' }],
      });
      await expectToMatchSpec(op, 'POST', ALTER);
      expect(op.json()).toMatchObject({ error_code: 400 });
      const broker = await request('POST', '4242/configs:alter', {
        data: [{ name: BACKOFF, value: '30000' }],
      });
      await expectToMatchSpec(broker, 'POST', ALTER);
      expect(broker.json()).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    });
  });
});
