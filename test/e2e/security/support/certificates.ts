import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  dir: string;
  caCert: string;
  /** File paths, for the gateway's settings. */
  files: {
    caCert: string;
    serverKey: string;
    serverCert: string;
    /** Key and certificate in one PEM file, as `ssl.keystore.type=PEM` expects. */
    serverKeystore: string;
  };
  /** A client certificate signed by the test CA (PEM text). */
  client: { key: string; cert: string };
  /** A client certificate from a CA the gateway does not trust. */
  strangerClient: { key: string; cert: string };
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function newCa(dir: string, name: string): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '1',
    '-subj',
    `/CN=${name}`,
  ]);
}

function signed(dir: string, name: string, ca: string, cn: string, extensions?: string): void {
  openssl(dir, [
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${cn}`,
  ]);
  const ext = extensions === undefined ? [] : ['-extfile', `${name}.ext`];
  if (extensions !== undefined) {
    writeFileSync(join(dir, `${name}.ext`), extensions);
  }
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '1',
    ...ext,
  ]);
}

/** A CA, a server certificate for localhost/127.0.0.1 and client certificates, made with openssl. */
export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-tls-'));
  newCa(dir, 'ca');
  newCa(dir, 'stranger-ca');
  signed(dir, 'server', 'ca', 'localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  signed(dir, 'client', 'ca', 'alice');
  signed(dir, 'stranger', 'stranger-ca', 'mallory');
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  writeFileSync(join(dir, 'server.pem'), read('server.key') + read('server.crt'));
  return {
    dir,
    caCert: read('ca.crt'),
    files: {
      caCert: join(dir, 'ca.crt'),
      serverKey: join(dir, 'server.key'),
      serverCert: join(dir, 'server.crt'),
      serverKeystore: join(dir, 'server.pem'),
    },
    client: { key: read('client.key'), cert: read('client.crt') },
    strangerClient: { key: read('stranger.key'), cert: read('stranger.crt') },
  };
}
