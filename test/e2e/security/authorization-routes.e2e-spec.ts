import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Grant, Operation, OPERATIONS, routePermission } from '@gateway/auth';
import { loadConfig } from '../../../apps/gateway/src/config/gateway.config';
import { createGatewayApp } from '../../../apps/gateway/src/create-app';
import { registeredRoutes, Route } from '../../support/registered-routes';
import { basic } from './support/credential-files';

const TOPIC = 'authz-topic';
const GROUP = 'authz-group';
const PARAMS: Record<string, string> = {
  cluster_id: 'cluster-1',
  topic_name: TOPIC,
  partition_id: '0',
  broker_id: '1',
  name: 'cleanup.policy',
  consumer_group_id: GROUP,
  group_name: GROUP,
  consumer_id: 'consumer-1',
  instance: 'instance-1',
};
// Status a hook added after the gateway's own answers with: the request got past authorization.
const REACHED = 299;

/** Every route the gateway registers. */
async function allRoutes(): Promise<Route[]> {
  const { app, routes } = await registeredRoutes({ GATEWAY_LOG_LEVEL: 'error' });
  await app.close();
  return routes;
}

function concreteUrl(route: Route): string {
  const url = route.url.replace(/:([a-z_]+)/g, (whole, name: string) => PARAMS[name] ?? whole);
  // A stream with a group_id joins that group: its grant must name it too.
  const [, on] = routePermission(route.method, route.url) ?? [];
  return on === 'topic+query-group' ? `${url}?group_id=${GROUP}` : url;
}

/** A body naming TOPIC wherever the route reads topics from its body. */
function bodyFor(route: Route): object | undefined {
  if (route.method === 'GET' && !route.url.endsWith('/offsets')) {
    return undefined;
  }
  return {
    topic_name: TOPIC,
    topics: [TOPIC],
    partitions: [{ topic: TOPIC, partition: 0 }],
    offsets: [{ topic: TOPIC, partition: 0, offset: 0 }],
  };
}

/** The grant that gives `operations` on exactly the resources the route touches. */
function grantFor(route: Route, principal: string, operations: Operation[]): Grant {
  const [, on] = routePermission(route.method, route.url) ?? [];
  const topicRoute = route.url.includes(':topic_name');
  const groupRoute = route.url.includes(':consumer_group_id') || route.url.includes(':group_name');
  const grant: Grant = {
    principals: [principal],
    operations,
    cluster: false,
    topics: [],
    groups: [],
  };
  if (on === 'cluster' || (on === 'topic' && !topicRoute) || (on === 'group' && !groupRoute)) {
    grant.cluster = true;
  }
  if (
    (on === 'topic' && topicRoute) ||
    on === 'body-topic' ||
    on === 'group+body-topics' ||
    on === 'topic+query-group'
  ) {
    grant.topics = [TOPIC];
  }
  if ((on === 'group' && groupRoute) || on === 'group+body-topics' || on === 'topic+query-group') {
    grant.groups = [GROUP];
  }
  return grant;
}

describe('authorization of every registered route (GATEWAY_AUTHORIZATION_RULES_FILE)', () => {
  let routes: Route[];
  let app: NestFastifyApplication;

  beforeAll(async () => {
    routes = (await allRoutes()).filter((r) => !['/healthy', '/ready'].includes(r.url));
    const grants: Grant[] = routes.flatMap((route, i) => {
      const [operation] = routePermission(route.method, route.url) ?? ['admin-write'];
      const others = OPERATIONS.filter((o) => o !== operation);
      const elsewhere: Grant = {
        principals: [`other-${i}`],
        operations: [operation],
        cluster: false,
        topics: ['other-topic', `${TOPIC}-suffix`],
        groups: ['other-group'],
      };
      return [
        grantFor(route, `exact-${i}`, [operation]),
        grantFor(route, `other-${i}`, others),
        elsewhere,
      ];
    });
    const dir = mkdtempSync(join(tmpdir(), 'gateway-authz-'));
    const users = routes.flatMap((_r, i) => [`exact-${i}: pw-${i}`, `other-${i}: pw-${i}`]);
    writeFileSync(join(dir, 'password.properties'), ['nobody: nopw', ...users].join('\n'));
    writeFileSync(join(dir, 'rules.json'), JSON.stringify({ grants }));
    const config = loadConfig({
      KAFKA_BOOTSTRAP_SERVERS: inject('kafkaBootstrap'),
      GATEWAY_LOG_LEVEL: 'error',
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC',
      KAFKA_REST_AUTHENTICATION_SKIP_PATHS: '/healthy,/ready',
      GATEWAY_AUTH_PASSWORD_FILE: join(dir, 'password.properties'),
      GATEWAY_AUTHORIZATION_RULES_FILE: join(dir, 'rules.json'),
    });
    app = await createGatewayApp({ ...config, bootstrapServers: config.bootstrapServers ?? [] });
    // Registered after the gateway's hooks: answers for the handler, so nothing really runs.
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('preHandler', (_request, reply, done) => {
        void reply.code(REACHED).send();
        done();
      });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (route: Route, headers: Record<string, string> = {}) => {
    const body = bodyFor(route);
    return app.inject({
      method: route.method as 'GET',
      url: concreteUrl(route),
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  };
  const statuses = async (headersOf: (i: number) => Record<string, string>) =>
    Object.fromEntries(
      await Promise.all(
        routes.map(async (route, i) => [
          `${route.method} ${route.url}`,
          (await call(route, headersOf(i))).statusCode,
        ]),
      ),
    ) as Record<string, number>;
  const expectAll = (actual: Record<string, number>, status: number) =>
    expect(actual).toEqual(Object.fromEntries(Object.keys(actual).map((k) => [k, status])));

  it('covers both prefixes of the v3 API, v2, and metrics', () => {
    const urls = routes.map((r) => r.url);
    expect(urls).toContain('/v3/clusters/:cluster_id/topics/:topic_name/records');
    expect(urls).toContain('/kafka/v3/clusters/:cluster_id/topics/:topic_name/records');
    expect(urls).toContain('/consumers/:group_name/instances/:instance/records');
    expect(urls).toContain('/metrics');
    expect(routes.length).toBeGreaterThan(100);
  });

  it('classifies every route explicitly in the permission table', () => {
    const unclassified = routes
      .filter((r) => routePermission(r.method, r.url) === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(unclassified).toEqual([]);
  });

  it('answers 401 on every route without credentials', async () => {
    expectAll(await statuses(() => ({})), 401);
  });

  it('answers 403 on every route to an authenticated principal without grants', async () => {
    expectAll(await statuses(() => basic('nobody', 'nopw')), 403);
  });

  it('lets a principal through with exactly the permission the route needs', async () => {
    expectAll(await statuses((i) => basic(`exact-${i}`, `pw-${i}`)), REACHED);
  });

  it('answers 403 with every other operation there, or the operation on other resources', async () => {
    expectAll(await statuses((i) => basic(`other-${i}`, `pw-${i}`)), 403);
  });
});
