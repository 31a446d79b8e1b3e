import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/create-app';
import { freePort } from '../../support/free-port';
import { expectToMatchSpec } from '../../support/openapi';
import { basic, bearer, CredentialFiles, writeCredentialFiles } from './support/credential-files';
import { JwksServer } from './support/jwks-server';

const UNAUTHORIZED = { error_code: 40101, message: 'Authentication failed' };
const FORBIDDEN = { error_code: 40301, message: 'Authorization failed' };

let files: CredentialFiles;
let jwks: JwksServer;

beforeAll(async () => {
  files = writeCredentialFiles();
  jwks = await JwksServer.start();
});
afterAll(async () => {
  await jwks.stop();
});

describe('authentication.method=BASIC with a password file', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC',
      GATEWAY_AUTH_PASSWORD_FILE: files.passwordFile,
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('returns 401 with 40101 and a Basic challenge without credentials', async () => {
    const res = await app.inject({ method: 'GET', url: '/v3/clusters' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual(UNAUTHORIZED);
    expect(res.headers['www-authenticate']).toBe('Basic realm="KafkaRest"');
    await expectToMatchSpec(res, 'GET', '/clusters');
  });

  it.each([
    ['a bcrypt hash', 'alice', 'alice-secret'],
    ['an MD5: digest', 'bob', 'bob-secret'],
    ['an OBF: password', 'carol', 'carol-secret'],
    ['a plain-text password', 'dave', 'dave-secret'],
  ])('returns 200 for a user whose password file entry is %s', async (_scheme, user, password) => {
    const res = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: basic(user, password),
    });
    expect(res.statusCode).toBe(200);
    await expectToMatchSpec(res, 'GET', '/clusters');
  });

  it.each([
    ['a wrong password', basic('alice', 'wrong')],
    ['an unknown user', basic('mallory', 'alice-secret')],
    ['credentials without a colon', { authorization: `Basic ${btoa('alice')}` }],
    ['a bearer token Basic does not accept', bearer('abc')],
  ])('returns 401 for %s', async (_case, headers) => {
    const res = await app.inject({ method: 'GET', url: '/v3/clusters', headers });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual(UNAUTHORIZED);
  });

  it('answers 401, not 404, for a path that does not exist', async () => {
    const res = await app.inject({ method: 'GET', url: '/v3/no-such-thing' });
    expect(res.statusCode).toBe(401);
  });

  // Jetty's security handler runs before Jersey matches media types and path parameters.
  it.each([
    ['an Accept nothing matches (406 once authenticated)', { accept: 'text/html' }, 'GET', ''],
    ['a Content-Type that does not parse (400)', { 'content-type': 'garbage' }, 'POST', '/topics'],
    ['a broker id that is not a number (404)', {}, 'GET', '/brokers/abc'],
  ])('answers 401 before checking %s', async (_case, headers, method, path) => {
    const res = await app.inject({
      method: method as 'GET' | 'POST',
      url: `/v3/clusters/some-cluster${path}`,
      headers,
      payload: method === 'POST' ? '{}' : undefined,
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="KafkaRest"');
    const authenticated = await app.inject({
      method: method as 'GET' | 'POST',
      url: `/v3/clusters/some-cluster${path}`,
      headers: { ...headers, ...basic('alice', 'alice-secret') },
      payload: method === 'POST' ? '{}' : undefined,
    });
    expect(authenticated.statusCode).not.toBe(401);
  });

  it.each([
    ['a space before the credentials', ` ${btoa('alice:alice-secret')}`],
    ['a stray padding character', `${btoa('alice:alice-secret')}=`],
    ['characters outside base64', `!${btoa('alice:alice-secret')}`],
  ])('returns 401 for Basic credentials with %s (java.util.Base64 refuses them)', async (_c, v) => {
    const res = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: { authorization: `Basic ${v}` },
    });
    expect(res.statusCode).toBe(401);
    // Unpadded base64 is read, as java.util.Base64 reads it.
    const unpadded = btoa('alice:alice-secret1').replace(/=+$/, '');
    expect(unpadded.length % 4).not.toBe(0);
    const wrongButRead = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: { authorization: `Basic ${unpadded}` },
    });
    expect(wrongButRead.statusCode).toBe(401);
  });

  it.each(['/healthy', '/ready', '/metrics'])(
    'serves the default skip path %s without credentials',
    async (url) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
    },
  );
});

describe('authentication.method=BASIC with a JAAS config and authentication.roles', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC',
      KAFKA_REST_AUTHENTICATION_REALM: 'KafkaRest',
      KAFKA_REST_AUTHENTICATION_ROLES: 'admin',
      KAFKA_REST_AUTHENTICATION_SKIP_PATHS: '/healthy',
      GATEWAY_AUTH_JAAS_CONFIG: files.jaasConfig,
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('returns 200 for a user with one of the roles', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: basic('alice', 'alice-secret'),
    });
    expect(res.statusCode).toBe(200);
  });

  it('returns 403 with 40301 for a valid user without the role', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: basic('bob', 'bob-secret'),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual(FORBIDDEN);
    await expectToMatchSpec(res, 'GET', '/clusters');
  });

  it('asks for credentials on a path no longer in authentication.skip.paths', async () => {
    const [healthy, metrics] = await Promise.all([
      app.inject({ method: 'GET', url: '/healthy' }),
      app.inject({ method: 'GET', url: '/metrics' }),
    ]);
    expect([healthy.statusCode, metrics.statusCode]).toEqual([200, 401]);
  });
});

// Jetty's role constraint: ** is any authenticated user, * any of the other roles listed.
describe.each([
  ['**', { alice: 200, bob: 200, dave: 200 }],
  ['admin,*', { alice: 200, bob: 403, dave: 403 }],
  ['developer', { alice: 200, bob: 200, dave: 403 }],
])('authentication.roles=%s', (roles, expected) => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC',
      KAFKA_REST_AUTHENTICATION_ROLES: roles,
      GATEWAY_AUTH_PASSWORD_FILE: files.passwordFile,
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('admits exactly the users holding a role it names', async () => {
    const answered: Record<string, number> = {};
    for (const user of Object.keys(expected)) {
      const res = await app.inject({
        method: 'GET',
        url: '/v3/clusters',
        headers: basic(user, `${user}-secret`),
      });
      answered[user] = res.statusCode;
    }
    expect(answered).toEqual(expected);
  });
});

describe('API key and secret as Basic credentials (GATEWAY_AUTH_API_KEYS_FILE)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC',
      GATEWAY_AUTH_API_KEYS_FILE: files.apiKeysFile,
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('returns 200 for the key and its secret', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: basic('ORDERSKEY1', 'orders-api-secret'),
    });
    expect(res.statusCode).toBe(200);
  });

  it('returns 401 for the key with a wrong secret', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: basic('ORDERSKEY1', 'alice-secret'),
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('authentication.method=BEARER (OAuth2/OIDC JWTs checked against a JWKS URL)', () => {
  let app: NestFastifyApplication;
  const claims = { sub: 'svc-analytics', iss: 'https://idp.test', aud: 'kafka-gateway' };

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BEARER',
      GATEWAY_AUTH_JWT_JWKS_URL: jwks.url,
      GATEWAY_AUTH_JWT_ISSUER: 'https://idp.test',
      GATEWAY_AUTH_JWT_AUDIENCE: 'kafka-gateway,other-audience',
      GATEWAY_AUTH_JWT_CLOCK_TOLERANCE_S: '0',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('returns 200 for a token signed by the published key for our issuer and audience', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: bearer(await jwks.sign(claims)),
    });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ['another issuer', { ...claims, iss: 'https://evil.test' }, {}],
    ['another audience', { ...claims, aud: 'someone-else' }, {}],
    ['an expired token', claims, { expiresIn: Math.floor(Date.now() / 1000) - 60 }],
    ['a token without an expiry (exp)', claims, { expiresIn: null }],
    ['a token without its issue time (iat)', claims, { issuedAt: false as const }],
    ['a key the JWKS does not publish', claims, { signedByStranger: true }],
    ['no subject', { iss: claims.iss, aud: claims.aud }, {}],
  ])('returns 401 with a Bearer challenge for %s', async (_case, tokenClaims, options) => {
    const res = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: bearer(await jwks.sign(tokenClaims, options)),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual(UNAUTHORIZED);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="KafkaRest"');
  });

  it('returns 401 for a token that is not a JWT', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: bearer('not-a-jwt'),
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('authentication.method=BASIC,BEARER', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC,BEARER',
      GATEWAY_AUTH_PASSWORD_FILE: files.passwordFile,
      GATEWAY_AUTH_API_KEYS_FILE: files.apiKeysFile,
      GATEWAY_AUTH_JWT_JWKS_URL: jwks.url,
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('accepts a password, an API key and a token, and challenges for both schemes', async () => {
    const token = await jwks.sign({ sub: 'svc-analytics' });
    const answers = await Promise.all(
      [
        basic('alice', 'alice-secret'),
        basic('ORDERSKEY1', 'orders-api-secret'),
        bearer(token),
        {},
      ].map((headers) => app.inject({ method: 'GET', url: '/v3/clusters', headers })),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 401]);
    expect(answers[3].headers['www-authenticate']).toEqual([
      'Basic realm="KafkaRest"',
      'Bearer realm="KafkaRest"',
    ]);
  });
});

describe('authentication.method=BEARER while the JWKS URL does not answer', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BEARER',
      GATEWAY_AUTH_JWT_JWKS_URL: `http://127.0.0.1:${await freePort()}/jwks.json`,
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 503 in the Confluent format (the token is not at fault, so not 401)', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v3/clusters',
      headers: bearer(await jwks.sign({ sub: 'svc' })),
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error_code: 503,
      message: expect.stringContaining('JWKS') as unknown,
    });
    await expectToMatchSpec(res, 'GET', '/clusters');
  });
});

describe('authentication with CORS (access.control.allow.origin)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC',
      GATEWAY_AUTH_PASSWORD_FILE: files.passwordFile,
      KAFKA_REST_ACCESS_CONTROL_ALLOW_ORIGIN: 'https://ui.example',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers a preflight without credentials, and puts CORS headers on a 401', async () => {
    const origin = 'https://ui.example';
    const [preflight, refused] = await Promise.all([
      app.inject({
        method: 'OPTIONS',
        url: '/v3/clusters',
        headers: { origin, 'access-control-request-method': 'GET' },
      }),
      app.inject({ method: 'GET', url: '/v3/clusters', headers: { origin } }),
    ]);
    expect(preflight.statusCode).toBe(200);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(origin);
  });

  it('asks OPTIONS requests for credentials with access.control.skip.options=false, as rest-utils', async () => {
    const strict = await createTestApp({
      KAFKA_REST_AUTHENTICATION_METHOD: 'BASIC',
      GATEWAY_AUTH_PASSWORD_FILE: files.passwordFile,
      KAFKA_REST_ACCESS_CONTROL_ALLOW_ORIGIN: 'https://ui.example',
      KAFKA_REST_ACCESS_CONTROL_SKIP_OPTIONS: 'false',
    });
    try {
      const preflight = await strict.inject({
        method: 'OPTIONS',
        url: '/v3/clusters',
        headers: { origin: 'https://ui.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.statusCode).toBe(401);
    } finally {
      await strict.close();
    }
  });
});
