import {
  createServer as createHttpServer,
  IncomingMessage,
  Server,
  ServerOptions as HttpServerOptions,
  ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ConnectionCount, registerConnectionCount } from '@gateway/rest';
import { isProduceRecords, isStreamingRequest } from '../slow-client/streaming-routes';
import { clientErrorAnswer } from './client-error';
import { ListenerAddress, ServerOptions } from './server.options';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const registry = new WeakMap<FastifyInstance, HttpListeners>();

/**
 * Every `listeners` entry served by one Fastify instance. Fastify owns one server (built here,
 * through `serverFactory`, for the first listener); the others are plain node:http(s) servers
 * handing their requests to the same Fastify handler, so routes, hooks and limits are shared.
 * All of them get the same timeouts and header limit.
 */
export class HttpListeners {
  private handler?: Handler;
  private readonly extra: Server[] = [];
  private readonly connections = new ConnectionCount();

  constructor(private readonly options: ServerOptions) {
    const https = options.listeners.some((l) => l.scheme === 'https');
    if (https && options.tls === null) {
      throw new Error('An https listener needs a TLS key and certificate');
    }
  }

  /** Starts every listener of an app whose adapter was built with `fastifyOptions()`. */
  static listenAll(fastify: FastifyInstance): Promise<string[]> {
    const listeners = registry.get(fastify);
    if (listeners === undefined) {
      throw new Error('This Fastify instance was not built with HttpListeners');
    }
    return listeners.listen(fastify);
  }

  /** FastifyAdapter options: our server for the first listener and Confluent-style client errors. */
  fastifyOptions(): {
    serverFactory: (handler: Handler) => Server;
    clientErrorHandler: ReturnType<typeof clientErrorAnswer>;
  } {
    return {
      serverFactory: (handler) => {
        this.handler = handler;
        return this.createServer(this.options.listeners[0]);
      },
      clientErrorHandler: clientErrorAnswer(this.options.maxHeaderSize),
    };
  }

  /** Remembers the app so `listen` can find its listeners. */
  attach(fastify: FastifyInstance): void {
    registry.set(fastify, this);
    registerConnectionCount(fastify, this.connections);
    // Idle means nobody is sending: a stream whose client went quiet is idle and gets cut, a
    // request the gateway is still working on (a slow Kafka call) is not. Every produce of
    // `POST .../records` counts as a stream here, with or without a Content-Length: the body
    // timeout leaves that route to the produce service, so a client that stops sending part-way
    // would otherwise hold the connection forever. Once a produce's body is in, only receipts
    // are owed, each bounded by Kafka's request timeout: the client, quiet now, is not idle (a
    // hung broker would otherwise cut a receipt due at the same 30 s). Node restores its
    // keep-alive timeout once the response is out.
    fastify.addHook('onRequest', (request, _reply, done) => {
      const socket = request.raw.socket as Partial<Socket> | undefined;
      // Injected requests (tests) have no real socket.
      if (typeof socket?.setTimeout === 'function') {
        const produce = isProduceRecords(request);
        socket.setTimeout(produce || isStreamingRequest(request) ? this.options.idleTimeoutMs : 0);
        if (produce) {
          request.raw.once('end', () => socket.setTimeout!(0));
        }
      }
      done();
    });
    fastify.addHook('preClose', (done) => {
      this.extra.forEach((server) => {
        server.close();
        server.closeIdleConnections();
      });
      done();
    });
    fastify.addHook('onClose', (_instance, done) => {
      this.extra.forEach((server) => server.closeAllConnections());
      done();
    });
  }

  /** Starts every listener; the first through Fastify. Returns the bound URLs. */
  async listen(fastify: FastifyInstance): Promise<string[]> {
    const [first, ...others] = this.options.listeners;
    await fastify.listen({ host: first.host, port: first.port });
    const urls = [urlOf(first, fastify.server.address() as AddressInfo)];
    for (const listener of others) {
      const server = this.createServer(listener);
      // Fastify attaches its client-error handler to its own server only.
      server.on('clientError', clientErrorAnswer(this.options.maxHeaderSize));
      this.extra.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(listener.port, listener.host, () => resolve());
      });
      urls.push(urlOf(listener, server.address() as AddressInfo));
    }
    return urls;
  }

  private createServer(listener: ListenerAddress): Server {
    const handler: Handler = (req, res) => this.handler?.(req, res);
    const o = this.options;
    const httpOptions: HttpServerOptions = {
      maxHeaderSize: o.maxHeaderSize,
      headersTimeout: o.headersTimeoutMs,
      // Node's whole-request timeout would cut streaming produce; bodies have their own timer.
      requestTimeout: 0,
      keepAliveTimeout: o.idleTimeoutMs,
      // How often Node checks the header timeout (its default, 30 s, would blunt short limits).
      connectionsCheckingInterval: Math.max(100, Math.min(30_000, o.headersTimeoutMs / 4)),
    };
    const tls = o.tls;
    const server =
      listener.scheme === 'https' && tls !== null
        ? createHttpsServer(
            {
              ...httpOptions,
              key: tls.key,
              cert: tls.cert,
              passphrase: tls.passphrase,
              ca: tls.ca,
              requestCert: tls.clientAuthentication !== 'NONE',
              rejectUnauthorized: tls.clientAuthentication === 'REQUIRED',
              minVersion: tls.minVersion,
              maxVersion: tls.maxVersion,
            },
            handler,
          )
        : createHttpServer(httpOptions, handler);
    server.setTimeout(o.idleTimeoutMs);
    server.on('connection', this.connections.track);
    // node:https.Server extends node:http.Server's request API, which is all Fastify uses.
    return server;
  }
}

function urlOf(listener: ListenerAddress, address: AddressInfo): string {
  const host = listener.host === '0.0.0.0' ? 'localhost' : listener.host;
  return `${listener.scheme}://${host}:${address.port}`;
}
