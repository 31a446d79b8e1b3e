import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/create-app';
import { createFixtureTopic, disconnectFixtures, produceRecords } from '../support/produce-records';
import { TestContext } from '../support/test-context';
import { uniqueName } from '../support/unique-names';
import { heapAfterGc } from './memory';
import {
  anyJson,
  body,
  field,
  fuzzParameters,
  httpStatusOf,
  nastyString,
  produceRequest,
  query,
  segment,
  shaped,
} from './fuzz-arbitraries';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Answer {
  status: number;
  body: string;
}

const V2 = 'application/vnd.kafka.v2+json';
const CONFIG_NAMES = [
  'retention.ms',
  'cleanup.policy',
  'min.insync.replicas',
  'max.message.bytes',
  'segment.bytes',
  'compression.type',
  'message.timestamp.type',
];
// Growth of this process's resident memory over the whole file (the gateway runs in it).
const RSS_GROWTH_LIMIT_BYTES = 256 * 1024 * 1024;
// What stays reachable after a full GC: the part of the growth that would be a leak.
const HEAP_GROWTH_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Property-based fuzzing of the main routes' bodies, path segments and query parameters with
 * arbitrary JSON and strings: no input may make the gateway answer 5xx (Kafka is up, so any
 * 5xx is a bug), every 4xx is a JSON error, and memory stays bounded. Requests that reach Kafka
 * use this file's own topics; writes that could harm other tests (topic creation, ACL
 * changes) get arbitrary bodies against an unknown cluster, and bounded ones against the real one.
 */
describe('fuzz: request bodies and query parameters', () => {
  let app: NestFastifyApplication;
  let clusterId: string;
  let produceTopic: string;
  let configTopic: string;
  let consumer: string;
  let reader: string;
  const aclName = uniqueName('fuzz-acl');
  let rssBefore: number;
  let heapBefore: number;
  const foreignErrors = new Map<string, number>();

  beforeAll(async () => {
    app = await createTestApp({ KAFKA_REST_CONSUMER_REQUEST_TIMEOUT_MS: '100' });
    clusterId = await new TestContext(app).clusterId();
    produceTopic = await createFixtureTopic(uniqueName('fuzz-produce'), 2);
    configTopic = await createFixtureTopic(uniqueName('fuzz-configs'), 1);
    await produceRecords(produceTopic, [{ value: 'a' }, { value: 'b', partition: 1 }]);
    consumer = await v2Consumer(uniqueName('fuzz-group'));
    reader = await v2Consumer(uniqueName('fuzz-reader'));
    await send('POST', `${reader}/subscription`, { topics: [produceTopic] }, V2);
    rssBefore = process.memoryUsage().rss;
    heapBefore = heapAfterGc();
  });
  afterAll(async () => {
    await app
      .inject({
        method: 'DELETE',
        url: `/v3/clusters/${clusterId}/acls?resource_type=ANY&resource_name=${aclName}&pattern_type=LITERAL`,
      })
      .catch(() => undefined);
    await app?.close();
    await disconnectFixtures();
  });

  async function v2Consumer(group: string): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: `/consumers/${group}`,
      headers: { 'content-type': V2 },
      payload: JSON.stringify({ 'auto.offset.reset': 'earliest' }),
    });
    expect(res.statusCode, res.body).toBe(200);
    return new URL(res.json<{ base_uri: string }>().base_uri).pathname;
  }

  /** Sends one request and checks the answer is not a 5xx and that errors are JSON errors. */
  async function send(
    method: Method,
    url: string,
    payload?: unknown,
    contentType = 'application/json',
    raw = false,
  ): Promise<Answer> {
    const res = await app.inject({
      method,
      url,
      headers: payload === undefined ? {} : { 'content-type': contentType },
      ...(payload === undefined
        ? {}
        : { payload: raw ? (payload as string) : JSON.stringify(payload) }),
    });
    const context = `${method} ${url} ${raw ? String(payload) : JSON.stringify(payload)}`.slice(
      0,
      2_000,
    );
    expect(res.statusCode, `${context}\n=> ${res.body.slice(0, 1_000)}`).toBeLessThan(500);
    if (res.statusCode >= 400 && res.body !== '') {
      const error = JSON.parse(res.body) as { error_code?: unknown; code?: unknown };
      if (typeof error.error_code !== 'number') {
        // Answered before the gateway's error filter (e.g. by Fastify's router): noted, not a 5xx.
        const key = `${res.statusCode} ${String(error.code)}`;
        foreignErrors.set(key, (foreignErrors.get(key) ?? 0) + 1);
      }
    }
    return { status: res.statusCode, body: res.body };
  }

  /** Checks every CRLF-separated produce receipt: none may be a 5xx. */
  function expectNoServerErrorReceipts(answer: Answer, context: string): void {
    for (const line of answer.body.split('\r\n').filter((l) => l.trim() !== '')) {
      const receipt = JSON.parse(line) as { error_code: number };
      expect(httpStatusOf(receipt.error_code), `${context}\n=> ${line}`).toBeLessThan(500);
    }
  }

  const property = <T>(arb: fc.Arbitrary<T>, run: (value: T) => Promise<void>, runs?: number) =>
    fc.assert(fc.asyncProperty(arb, run), fuzzParameters(runs));

  const v3 = () => `/v3/clusters/${clusterId}`;

  // ---- admin ----

  it('POST topics: arbitrary bodies (unknown cluster) and validate_only bodies (real cluster)', async () => {
    const createTopic = body(
      shaped({
        topic_name: field(nastyString),
        partitions_count: anyJson,
        replication_factor: anyJson,
        replicas_assignments: field(fc.dictionary(nastyString, anyJson, { maxKeys: 3 })),
        configs: field(
          fc.array(shaped({ name: field(fc.constantFrom(...CONFIG_NAMES)), value: anyJson }), {
            maxLength: 3,
          }),
        ),
        validate_only: anyJson,
      }),
    );
    await property(createTopic, async (b) => {
      await send('POST', '/v3/clusters/no-such-cluster/topics', b);
      // On the real cluster nothing is created, and partition counts stay small: Kafka plans
      // every partition's replicas even to validate.
      if (b !== null && typeof b === 'object' && !Array.isArray(b)) {
        const bounded: Record<string, unknown> = { ...b, validate_only: true };
        if (typeof bounded.partitions_count === 'number' && bounded.partitions_count > 20) {
          bounded.partitions_count = 20;
        }
        await send('POST', `${v3()}/topics`, bounded);
      }
    });
  });

  it('PATCH topic partitions, GET topics with query flags', async () => {
    await property(fc.tuple(anyJson, query(['includeAuthorizedOperations'])), async ([b, q]) => {
      const bounded =
        typeof (b as { partitions_count?: unknown })?.partitions_count === 'number'
          ? { partitions_count: Math.min((b as { partitions_count: number }).partitions_count, 4) }
          : b;
      await send('PATCH', `${v3()}/topics/${configTopic}`, bounded);
      await send('GET', `${v3()}/topics?${q}`);
    });
  });

  it('POST configs:alter, PUT and DELETE a config, of one topic and of all topics', async () => {
    const entry = shaped({
      name: field(fc.constantFrom(...CONFIG_NAMES)),
      value: anyJson,
      operation: field(fc.constantFrom('SET', 'DELETE', 'set', 'APPEND')),
    });
    const alter = body(
      shaped({ data: field(fc.array(entry, { maxLength: 3 })), validate_only: anyJson }),
    );
    const alterAll = body(
      shaped({
        data: field(
          fc.array(
            shaped({
              topic_name: field(fc.constantFrom(configTopic, 'no-such-topic')),
              configs: field(fc.array(entry, { maxLength: 2 })),
            }),
            { maxLength: 2 },
          ),
        ),
        validate_only: anyJson,
      }),
    );
    const name = fc.oneof(fc.constantFrom(...CONFIG_NAMES), segment);
    await property(fc.tuple(alter, alterAll, name, anyJson), async ([a, all, n, value]) => {
      await send('POST', `${v3()}/topics/${configTopic}/configs:alter`, a);
      await send('POST', `${v3()}/topics/-/configs:alter`, all);
      await send('PUT', `${v3()}/topics/${configTopic}/configs/${n}`, value);
      await send('DELETE', `${v3()}/topics/${configTopic}/configs/${n}`);
    });
  });

  it('ACLs: search queries (real cluster), arbitrary writes (unknown cluster), bounded creates (real cluster)', async () => {
    const names = ['resource_type', 'resource_name', 'pattern_type', 'principal', 'host'];
    const aclQuery = query([...names, 'operation', 'permission']);
    const acl = shaped({
      resource_type: field(fc.constantFrom('TOPIC', 'GROUP', 'CLUSTER', 'topic', 'ANY')),
      resource_name: nastyString,
      pattern_type: field(fc.constantFrom('LITERAL', 'PREFIXED', 'MATCH', 'ANY')),
      principal: field(fc.constantFrom('User:alice', 'User:*', 'alice', 'Group:x')),
      host: field(fc.constantFrom('*', '127.0.0.1', '::1', 'not a host')),
      operation: field(fc.constantFrom('READ', 'WRITE', 'ALL', 'ANY', 'read')),
      permission: field(fc.constantFrom('ALLOW', 'DENY', 'ANY')),
    });
    await property(
      fc.tuple(aclQuery, body(acl), body(shaped({ data: field(fc.array(acl, { maxLength: 3 })) }))),
      async ([q, one, batch]) => {
        await send('GET', `${v3()}/acls?${q}`);
        await send('POST', '/v3/clusters/no-such-cluster/acls', one);
        await send('POST', '/v3/clusters/no-such-cluster/acls:batch', batch);
        await send('DELETE', `/v3/clusters/no-such-cluster/acls?${q}`);
        if (one !== null && typeof one === 'object' && !Array.isArray(one)) {
          // Only this test's own resource name, so no other test's ACLs change.
          await send('POST', `${v3()}/acls`, {
            ...one,
            resource_name: aclName,
            pattern_type: 'LITERAL',
          });
        }
      },
    );
  });

  // ---- produce ----

  it('POST records (one record): arbitrary JSON and raw text bodies', async () => {
    const raw = fc.oneof(nastyString, fc.string({ unit: 'binary', maxLength: 200 }));
    await property(fc.tuple(produceRequest, raw), async ([record, text]) => {
      const url = `${v3()}/topics/${produceTopic}/records`;
      expectNoServerErrorReceipts(await send('POST', url, record), JSON.stringify(record));
      const answer = await send('POST', url, text, 'application/json', true);
      if (answer.status === 200) {
        expectNoServerErrorReceipts(answer, text);
      }
    });
  });

  it('POST records:batch', async () => {
    const batch = body(
      shaped({
        entries: field(
          fc.array(
            fc
              .tuple(produceRequest, anyJson)
              .map(([r, id]) =>
                r !== null && typeof r === 'object' && !Array.isArray(r) ? { id, ...r } : r,
              ),
            { maxLength: 4 },
          ),
        ),
      }),
    );
    await property(batch, async (b) => {
      const answer = await send('POST', `${v3()}/topics/${produceTopic}/records:batch`, b);
      if (answer.status === 207) {
        const { failures } = JSON.parse(answer.body) as { failures: { error_code: number }[] };
        failures.forEach((f) => expect(httpStatusOf(f.error_code), answer.body).toBeLessThan(500));
      }
    });
  });

  it('POST v2 topics and partitions, in every embedded format', async () => {
    const records = shaped({
      records: field(
        fc.array(shaped({ key: anyJson, value: anyJson, partition: anyJson }), { maxLength: 3 }),
      ),
      key_schema: anyJson,
      value_schema: anyJson,
      key_schema_id: anyJson,
      value_schema_id: anyJson,
    });
    const type = fc.constantFrom(
      'application/vnd.kafka.binary.v2+json',
      'application/vnd.kafka.json.v2+json',
      V2,
    );
    await property(fc.tuple(body(records), type, segment), async ([b, contentType, p]) => {
      const answers = [
        await send('POST', `/topics/${produceTopic}`, b, contentType),
        await send('POST', `/topics/${produceTopic}/partitions/${p}`, b, contentType),
      ];
      for (const answer of answers.filter((a) => a.status === 200)) {
        const { offsets } = JSON.parse(answer.body) as { offsets: { error_code: number | null }[] };
        // 50002/50003 are v2's per-record Kafka errors; Kafka is up, so none may appear.
        offsets.forEach((o) =>
          expect(httpStatusOf(o.error_code ?? 0), answer.body).toBeLessThan(500),
        );
      }
    });
  });

  // ---- consume ----

  it('POST consumers (create), subscription, assignments, positions and offsets of an instance', async () => {
    const create = body(
      shaped({
        name: nastyString,
        id: nastyString,
        format: field(fc.constantFrom('binary', 'json', 'avro', 'BINARY')),
        'auto.offset.reset': field(fc.constantFrom('earliest', 'latest', 'none')),
        'auto.commit.enable': field(fc.constantFrom('true', 'false')),
        'fetch.min.bytes': anyJson,
        'consumer.request.timeout.ms': anyJson,
      }),
    );
    const topic = field(fc.constantFrom(produceTopic, 'no-such-topic'));
    const tp = shaped({ topic, partition: anyJson });
    const subscription = body(
      shaped({ topics: field(fc.array(topic, { maxLength: 2 })), topic_pattern: nastyString }),
    );
    const partitions = body(shaped({ partitions: field(fc.array(tp, { maxLength: 2 })) }));
    const positions = body(
      shaped({
        offsets: field(
          fc.array(shaped({ topic, partition: anyJson, offset: anyJson, metadata: anyJson }), {
            maxLength: 2,
          }),
        ),
        timestamps: field(
          fc.array(shaped({ topic, partition: anyJson, timestamp: nastyString }), {
            maxLength: 2,
          }),
        ),
      }),
    );
    await property(
      fc.tuple(segment, create, subscription, partitions, positions),
      async ([group, c, s, p, o]) => {
        const created = await send('POST', `/consumers/${group}`, c, V2);
        if (created.status === 200) {
          const base = new URL((JSON.parse(created.body) as { base_uri: string }).base_uri);
          await send('DELETE', base.pathname);
        }
        await send('POST', `${consumer}/subscription`, s, V2);
        // A poll joins the group with whatever was subscribed.
        const poll = await app.inject({
          method: 'GET',
          url: `${consumer}/records?timeout=1`,
          headers: { accept: 'application/vnd.kafka.binary.v2+json' },
        });
        expect(poll.statusCode, `poll after ${JSON.stringify(s)} => ${poll.body}`).toBeLessThan(
          500,
        );
        await send('POST', `${consumer}/assignments`, p, V2);
        await send('POST', `${consumer}/positions`, o, V2);
        await send('POST', `${consumer}/positions/beginning`, p, V2);
        await send('POST', `${consumer}/positions/end`, p, V2);
        await send('POST', `${consumer}/offsets`, o, V2);
        await send('DELETE', `${consumer}/subscription`);
      },
    );
  });

  it('GET v2 consumer records and v3 partition records with arbitrary query parameters', async () => {
    // A valid long wait is not a bug, only slow: waits are capped at 50 ms here.
    const short = (q: string) =>
      q.replace(/(timeout(?:_ms)?=)(\d+)/g, (_, k: string, v: string) =>
        Number(v) > 50 ? `${k}50` : `${k}${v}`,
      );
    const v2Query = query(['timeout', 'max_bytes']);
    const v3Query = query([
      'offset',
      'timestamp',
      'max_records',
      'max_bytes',
      'timeout_ms',
      'format',
    ]);
    const accept = fc.constantFrom(
      'application/vnd.kafka.binary.v2+json',
      'application/vnd.kafka.json.v2+json',
      '*/*',
      'text/html',
    );
    await property(
      fc.tuple(v2Query, v3Query, accept, segment),
      async ([q2, q3, a, partition]) => {
        const v2 = await app.inject({
          method: 'GET',
          url: `${reader}/records?${short(q2)}`,
          headers: { accept: a },
        });
        expect(v2.statusCode, `${q2} ${a} => ${v2.body}`).toBeLessThan(500);
        const records = `${v3()}/topics/${produceTopic}/partitions`;
        await send('GET', `${records}/0/records?${short(q3)}`);
        await send('GET', `${records}/${partition}/records?offset=0&timeout_ms=0`);
      },
      40,
    );
  });

  it('keeps serving, with bounded memory, after all of the above', async () => {
    const res = await app.inject({ method: 'GET', url: '/v3/clusters' });
    expect(res.statusCode).toBe(200);
    const growth = process.memoryUsage().rss - rssBefore;
    const heapGrowth = heapAfterGc() - heapBefore;
    console.log(
      `RSS growth over the fuzz runs: ${(growth / 1024 / 1024).toFixed(1)} MB, ` +
        `live heap growth ${(heapGrowth / 1024 / 1024).toFixed(1)} MB; ` +
        `4xx answers not in the Confluent error format: ${JSON.stringify([...foreignErrors])}`,
    );
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT_BYTES);
    expect(heapGrowth).toBeLessThan(HEAP_GROWTH_LIMIT_BYTES);
  });
});
