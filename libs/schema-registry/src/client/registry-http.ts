import { Agent as HttpAgent, request as httpRequest, IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { SchemaRegistryOptions } from '../schema-registry.types';
import { RegistryHttpError, RegistryUnreachableError } from './registry-errors';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * JSON over HTTP(S) to a Confluent-compatible registry: basic auth, PEM TLS, a timeout, and the
 * next URL on connection failures. Our own rather than the HTTP client inside
 * @kafkajs/confluent-schema-registry: that one drops the registry's error_code, reports network
 * failures as HTTP 400 and its register() rewrites the subject's compatibility level.
 */
export class RegistryHttp {
  private readonly timeoutMs: number;
  private readonly authorization?: string;
  private readonly httpAgent = new HttpAgent({ keepAlive: true });
  private readonly httpsAgent: HttpsAgent;

  constructor(private readonly options: SchemaRegistryOptions) {
    if (options.urls.length === 0) {
      throw new Error('A schema registry needs at least one URL');
    }
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (options.basicAuth !== undefined) {
      const { username, password } = options.basicAuth;
      this.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    const tls = options.tls;
    this.httpsAgent = new HttpsAgent({
      keepAlive: true,
      ca: tls?.ca,
      cert: tls?.cert,
      key: tls?.key,
      passphrase: tls?.passphrase,
      ...(tls?.checkHostname === false ? { checkServerIdentity: () => undefined } : {}),
    });
  }

  /** The first configured URL, for messages. */
  get url(): string {
    return this.options.urls[0];
  }

  async get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  async put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let lastError: unknown;
    for (const base of this.options.urls) {
      try {
        return await this.send<T>(base, method, path, body);
      } catch (error) {
        if (!(error instanceof RegistryUnreachableError)) {
          throw error;
        }
        lastError = error;
      }
    }
    throw lastError;
  }

  private send<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(base.replace(/\/+$/, '') + path);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: CONTENT_TYPE };
    if (payload !== undefined) {
      headers['content-type'] = CONTENT_TYPE;
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const authorization = this.authorization ?? basicAuthFromUrl(url);
    if (authorization !== undefined) {
      headers.authorization = authorization;
    }
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise<T>((resolve, reject) => {
      const req = send(
        url,
        {
          method,
          headers,
          agent: secure ? this.httpsAgent : this.httpAgent,
          timeout: this.timeoutMs,
        },
        (res) => {
          readBody(res).then(
            (text) => settle(res, text, resolve, reject),
            (error: Error) => reject(new RegistryUnreachableError(`${base}: ${error.message}`)),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (error) => reject(new RegistryUnreachableError(`${base}: ${error.message}`)));
      req.end(payload);
    });
  }
}

function settle<T>(
  res: IncomingMessage,
  text: string,
  resolve: (value: T) => void,
  reject: (error: Error) => void,
): void {
  const status = res.statusCode ?? 0;
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (status >= 200 && status < 300) {
    resolve(parsed as T);
    return;
  }
  const errorBody = (parsed ?? {}) as { error_code?: unknown; message?: unknown };
  const code = typeof errorBody.error_code === 'number' ? errorBody.error_code : undefined;
  const message =
    typeof errorBody.message === 'string'
      ? errorBody.message
      : `HTTP ${status} ${text.slice(0, 200)}`;
  reject(new RegistryHttpError(status, code, message));
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

/** Confluent's `basic.auth.credentials.source=URL`: credentials in the URL's user info. */
function basicAuthFromUrl(url: URL): string | undefined {
  if (url.username === '') {
    return undefined;
  }
  const userInfo = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  return `Basic ${Buffer.from(userInfo).toString('base64')}`;
}
