import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectToMatchSpec } from '../../support/openapi';
import { makeCertificates, TestCertificates } from './support/certificates';
import { send } from './support/http-client';
import { startListeningApp } from './support/listening-app';

let certs: TestCertificates;

beforeAll(() => {
  certs = makeCertificates();
});

describe('listeners=http://...,https://... (GATEWAY_TLS_KEY_FILE / GATEWAY_TLS_CERT_FILE)', () => {
  let app: NestFastifyApplication;
  let httpUrl: string;
  let httpsUrl: string;

  beforeAll(async () => {
    let urls: string[];
    ({ app, urls } = await startListeningApp({
      KAFKA_REST_LISTENERS: 'http://127.0.0.1:0,https://127.0.0.1:0',
      GATEWAY_TLS_KEY_FILE: certs.files.serverKey,
      GATEWAY_TLS_CERT_FILE: certs.files.serverCert,
    }));
    [httpUrl, httpsUrl] = urls;
  });
  afterAll(async () => {
    await app.close();
  });

  it('binds both listeners', () => {
    expect(httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves GET /v3/clusters over TLS, with https links', async () => {
    const res = await send(`${httpsUrl}/v3/clusters`, { ca: certs.caCert });
    expect(res.statusCode).toBe(200);
    await expectToMatchSpec(res, 'GET', '/clusters');
    const body = JSON.parse(res.body) as { metadata: { self: string } };
    expect(body.metadata.self).toBe(`${httpsUrl}/v3/clusters`);
  });

  it('serves the same routes over plain HTTP on the other listener', async () => {
    const res = await send(`${httpUrl}/v3/clusters`);
    expect(res.statusCode).toBe(200);
    await expectToMatchSpec(res, 'GET', '/clusters');
    const body = JSON.parse(res.body) as { metadata: { self: string } };
    expect(body.metadata.self).toBe(`${httpUrl}/v3/clusters`);
  });

  it('refuses a client that does not trust the certificate', async () => {
    await expect(send(`${httpsUrl}/v3/clusters`)).rejects.toThrow(/self.signed|unable to verify/i);
  });
});

describe('listeners=https://... with ssl.keystore.type=PEM and ssl.client.authentication=REQUIRED', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    let urls: string[];
    ({ app, urls } = await startListeningApp({
      KAFKA_REST_LISTENERS: 'https://127.0.0.1:0',
      KAFKA_REST_SSL_KEYSTORE_LOCATION: certs.files.serverKeystore,
      KAFKA_REST_SSL_KEYSTORE_TYPE: 'PEM',
      KAFKA_REST_SSL_TRUSTSTORE_LOCATION: certs.files.caCert,
      KAFKA_REST_SSL_TRUSTSTORE_TYPE: 'PEM',
      KAFKA_REST_SSL_CLIENT_AUTHENTICATION: 'REQUIRED',
    }));
    [url] = urls;
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers a client presenting a certificate signed by the trusted CA', async () => {
    const res = await send(`${url}/v3/clusters`, { ca: certs.caCert, ...certs.client });
    expect(res.statusCode).toBe(200);
    await expectToMatchSpec(res, 'GET', '/clusters');
  });

  it('rejects the handshake of a client without a certificate', async () => {
    await expect(send(`${url}/v3/clusters`, { ca: certs.caCert })).rejects.toThrow();
  });

  it('rejects the handshake of a client whose certificate comes from another CA', async () => {
    await expect(
      send(`${url}/v3/clusters`, { ca: certs.caCert, ...certs.strangerClient }),
    ).rejects.toThrow();
  });
});

describe('ssl.client.authentication=REQUESTED', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    let urls: string[];
    ({ app, urls } = await startListeningApp({
      KAFKA_REST_LISTENERS: 'https://127.0.0.1:0',
      GATEWAY_TLS_KEY_FILE: certs.files.serverKey,
      GATEWAY_TLS_CERT_FILE: certs.files.serverCert,
      GATEWAY_TLS_CA_FILE: certs.files.caCert,
      KAFKA_REST_SSL_CLIENT_AUTHENTICATION: 'REQUESTED',
    }));
    [url] = urls;
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers clients with and without a certificate', async () => {
    const without = await send(`${url}/v3/clusters`, { ca: certs.caCert });
    const withCert = await send(`${url}/v3/clusters`, { ca: certs.caCert, ...certs.client });
    expect([without.statusCode, withCert.statusCode]).toEqual([200, 200]);
  });
});

describe('authentication.method=CERTIFICATE (subject CN of a verified client certificate)', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    const rules = join(certs.dir, 'rules.json');
    writeFileSync(
      rules,
      JSON.stringify({
        grants: [{ principals: ['alice'], operations: ['admin-read'], cluster: true }],
      }),
    );
    let urls: string[];
    ({ app, urls } = await startListeningApp({
      KAFKA_REST_LISTENERS: 'https://127.0.0.1:0',
      GATEWAY_TLS_KEY_FILE: certs.files.serverKey,
      GATEWAY_TLS_CERT_FILE: certs.files.serverCert,
      GATEWAY_TLS_CA_FILE: certs.files.caCert,
      KAFKA_REST_SSL_CLIENT_AUTHENTICATION: 'REQUESTED',
      KAFKA_REST_AUTHENTICATION_METHOD: 'CERTIFICATE',
      GATEWAY_AUTHORIZATION_RULES_FILE: rules,
    }));
    [url] = urls;
  });
  afterAll(async () => {
    await app.close();
  });

  it('authenticates the CN of a trusted certificate, and authorizes it by the rules', async () => {
    const read = await send(`${url}/v3/clusters`, { ca: certs.caCert, ...certs.client });
    expect(read.statusCode).toBe(200);
    const clusterId = (JSON.parse(read.body) as { data: { cluster_id: string }[] }).data[0]
      .cluster_id;
    const write = await send(`${url}/v3/clusters/${clusterId}/topics`, {
      method: 'POST',
      ca: certs.caCert,
      ...certs.client,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ topic_name: 'cert-topic', partitions_count: 1 }),
    });
    expect(write.statusCode).toBe(403);
    expect(JSON.parse(write.body)).toEqual({ error_code: 40301, message: 'Authorization failed' });
  });

  it('answers 401 without a certificate, or with one from an untrusted CA', async () => {
    const none = await send(`${url}/v3/clusters`, { ca: certs.caCert });
    const stranger = await send(`${url}/v3/clusters`, {
      ca: certs.caCert,
      ...certs.strangerClient,
    });
    expect([none.statusCode, stranger.statusCode]).toEqual([401, 401]);
    expect(JSON.parse(none.body)).toEqual({ error_code: 40101, message: 'Authentication failed' });
    expect(none.headers['www-authenticate']).toBeUndefined();
  });
});
