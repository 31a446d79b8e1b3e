import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { HttpListeners, registerSecurity } from '@gateway/auth';
import {
  createLogger,
  PinoNestLogger,
  REQUEST_ID_HEADER,
  registerAccessLog,
} from '@gateway/logging';
import {
  applyResponseHeaders,
  registerAllowedMethods,
  replyError,
  RestError,
  servesApiOf,
} from '@gateway/rest';
import { AppModule } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { registerJsonParsers } from './body-parsers';
import { registerHttpPolicy, registerRequestChecks } from './http-policy';

export type ConnectedConfig = GatewayConfig & { bootstrapServers: string[] };

const ROUTER_OPTIONS = {
  // Kafka topic names run to 249 characters; Fastify's default cap on a parameter is 100.
  maxParamLength: 1024,
  // Jersey matches a path with a trailing slash too (kafka-rest's tests commit to `offsets/`).
  ignoreTrailingSlash: true,
};

/**
 * Builds the whole gateway (used by main.ts and by the e2e tests, so both run the same app);
 * logs go to stdout unless `logDestination` is given (tests read the access lines).
 */
export async function createGatewayApp(
  config: ConnectedConfig,
  logDestination?: DestinationStream,
): Promise<NestFastifyApplication> {
  const logger = createLogger(config.logLevel, logDestination);
  const listeners = new HttpListeners(config.server);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: REQUEST_ID_HEADER,
    // No Fastify logger: our access log writes the one line per request.
    genReqId: () => randomUUID(),
    routerOptions: ROUTER_OPTIONS,
    // A URL Fastify cannot decode still gets a Confluent error body, its request id and the
    // configured headers (no hook runs for it).
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      applyResponseHeaders(reply, config.http.responseHeaders);
      void replyError(reply, RestError.badRequest(error.message));
    },
    ...listeners.fastifyOptions(),
    // No Nest middleware here (CORS and our hooks are Fastify hooks): without middie no
    // middleware runner is called on every request.
    skipMiddie: true,
  });
  listeners.attach(adapter.getInstance());
  registerAccessLog(adapter.getInstance(), logger);
  registerHttpPolicy(adapter.getInstance(), config.http);
  // After CORS, so that 401/403/429 answers carry its headers.
  registerSecurity(adapter.getInstance(), config.security);
  registerRequestChecks(adapter.getInstance(), config.http);
  // After security: Jersey answers OPTIONS and 405 only to callers Jetty let in.
  registerAllowedMethods(adapter.getInstance(), ROUTER_OPTIONS, (route) =>
    servesApiOf(config.http.endpoints, route),
  );
  registerJsonParsers(adapter.getInstance());
  raiseBatchBodyLimit(adapter.getInstance(), config);
  return NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    // Our parsers below replace Nest's: only JSON bodies are accepted (others get 415).
    bodyParser: false,
  });
}

/**
 * A produce batch may carry a record as large as the producer takes (kafka-rest reads bodies of
 * any size; ProduceBatchActionIntegrationTest sends 20 MB), above the general body limit.
 */
function raiseBatchBodyLimit(fastify: FastifyInstance, config: ConnectedConfig): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url.replace(/::/g, ':').endsWith('/records:batch')) {
      // Never below the body limit: produceConfig derives it from that limit.
      route.bodyLimit = config.records.maxRecordJsonBytes;
    }
  });
}
