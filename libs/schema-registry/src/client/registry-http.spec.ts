import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaRegistryOptions } from '../schema-registry.types';
import { SchemaSerdes } from '../schema-serdes';
import { RegistryHttpError, RegistryUnreachableError } from './registry-errors';
import { RegistryHttp } from './registry-http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A stub registry on loopback that records the requests it gets. */
async function stubRegistry(handler: Handler): Promise<{ url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const port = await listen(
    createServer((req, res) => {
      seen.push(req);
      handler(req, res);
    }),
  );
  return { url: `http://127.0.0.1:${port}`, seen };
}

const reply =
  (status: number, body: unknown): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
    res.end(JSON.stringify(body));
  };

const deadUrl = async () => {
  const port = await listen(createServer());
  await new Promise((r) => servers.pop()!.close(r));
  return `http://127.0.0.1:${port}`;
};

describe(RegistryHttp.name, () => {
  it('sends basic auth credentials and the registry media type', async () => {
    const stub = await stubRegistry(reply(200, ['AVRO']));
    const http = new RegistryHttp({
      urls: [stub.url],
      basicAuth: { username: 'u', password: 'p:w' },
    });
    await expect(http.get('/schemas/types')).resolves.toEqual(['AVRO']);
    expect(stub.seen[0].headers.authorization).toBe(
      `Basic ${Buffer.from('u:p:w').toString('base64')}`,
    );
    expect(stub.seen[0].headers.accept).toBe('application/vnd.schemaregistry.v1+json');
    http.close();
  });

  it('sends the credentials of the URL (basic.auth.credentials.source=URL)', async () => {
    const stub = await stubRegistry(reply(200, []));
    const http = new RegistryHttp({ urls: [stub.url.replace('http://', 'http://al%40ice:pw@')] });
    await http.get('/subjects');
    expect(stub.seen[0].headers.authorization).toBe(
      `Basic ${Buffer.from('al@ice:pw').toString('base64')}`,
    );
    http.close();
  });

  it("keeps the registry's HTTP status, error_code and message", async () => {
    const stub = await stubRegistry(
      reply(404, { error_code: 40401, message: 'Subject not found.' }),
    );
    const http = new RegistryHttp({ urls: [stub.url] });
    await expect(http.get('/subjects/x/versions/latest')).rejects.toEqual(
      new RegistryHttpError(404, 40401, 'Subject not found.'),
    );
    http.close();
  });

  it('tries the next URL when one cannot be reached, and says when none can', async () => {
    const stub = await stubRegistry(reply(200, { ok: true }));
    const dead = await deadUrl();
    const http = new RegistryHttp({ urls: [dead, stub.url] });
    await expect(http.get('/x')).resolves.toEqual({ ok: true });
    const none = new RegistryHttp({ urls: [dead] });
    await expect(none.get('/x')).rejects.toThrow(RegistryUnreachableError);
    await expect(none.get('/x')).rejects.toThrow(/ECONNREFUSED/);
    http.close();
    none.close();
  });

  it('gives up on a registry that does not answer in time', async () => {
    const stub = await stubRegistry(() => undefined);
    const http = new RegistryHttp({ urls: [stub.url], requestTimeoutMs: 200 });
    await expect(http.get('/x')).rejects.toThrow(/no answer within 200 ms/);
    http.close();
  });

  it('verifies the registry certificate against the configured PEM CA', async () => {
    const { key, cert } = selfSignedCertificate();
    const port = await listen(createHttpsServer({ key, cert }, reply(200, ['AVRO'])));
    const url = `https://127.0.0.1:${port}`;
    const trusted = new RegistryHttp({ urls: [url], tls: { ca: cert, checkHostname: true } });
    await expect(trusted.get('/schemas/types')).resolves.toEqual(['AVRO']);
    const untrusted = new RegistryHttp({ urls: [url] });
    await expect(untrusted.get('/schemas/types')).rejects.toThrow(RegistryUnreachableError);
    trusted.close();
    untrusted.close();
  });
});

describe(`${SchemaSerdes.name} registry failures`, () => {
  const serdes = (options: SchemaRegistryOptions) => new SchemaSerdes(options);
  const request = { topic: 't', isKey: false };

  it('answers 403/40301 when the registry answers error_code 40301', async () => {
    const stub = await stubRegistry(reply(403, { error_code: 40301, message: 'Denied' }));
    await expect(serdes({ urls: [stub.url] }).resolve(request)).rejects.toMatchObject({
      errorCode: 40301,
      status: 403,
      message: 'Error when fetching latest schema version. subject = t-value',
    });
  });

  it.each([
    [401, 40101],
    [403, 403],
  ])(
    'answers 42207 when the registry refuses with HTTP %i and error_code %i',
    async (status, code) => {
      const stub = await stubRegistry(reply(status, { error_code: code, message: 'Unauthorized' }));
      await expect(serdes({ urls: [stub.url] }).resolve(request)).rejects.toMatchObject({
        errorCode: 42207,
        status: 422,
        message:
          'Error serializing message. Error when fetching latest schema version. subject = t-value\n' +
          `Unauthorized; error code: ${code}`,
      });
    },
  );

  it('answers 400 for any failure to fetch a schema_version, even 40301', async () => {
    const stub = await stubRegistry(reply(403, { error_code: 40301, message: 'Denied' }));
    await expect(
      serdes({ urls: [stub.url] }).resolve({ ...request, schemaVersion: 3 }),
    ).rejects.toMatchObject({
      errorCode: 400,
      status: 400,
      message: 'Schema does not exist for subject: t-value, version: 3',
    });
  });

  it('answers 42207 with the registry error for other failures', async () => {
    const stub = await stubRegistry(reply(500, { error_code: 50001, message: 'Store error' }));
    await expect(serdes({ urls: [stub.url] }).resolve(request)).rejects.toMatchObject({
      errorCode: 42207,
      message:
        'Error serializing message. Error when fetching latest schema version. subject = t-value\n' +
        'Store error; error code: 50001',
    });
  });
});

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sr-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  };
}
