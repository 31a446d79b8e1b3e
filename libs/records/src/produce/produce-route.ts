import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answerError, v3Paths } from '@gateway/rest';
import { keepRawBody } from '../raw-body.hook';
import { ProduceStreamService } from '../streaming/produce-stream.service';

interface RecordsParams {
  cluster_id: string;
  topic_name: string;
}

const logger = new Logger('ProduceRoute');

/**
 * `POST .../records`, one record or a stream of them, registered on Fastify itself rather than
 * through a Nest controller: it is the gateway's hottest route, and Nest's router (execution
 * context, parameter decorators, its promise chain) was a tenth of its CPU per request. Every
 * Fastify hook still runs; a failure is answered as the exception filter answers it.
 */
export function registerProduceRoute(
  fastify: FastifyInstance,
  streams: ProduceStreamService,
): void {
  for (const path of v3Paths('clusters/:cluster_id/topics/:topic_name/records')) {
    fastify.post(`/${path}`, { preParsing: keepRawBody }, (request, reply) =>
      produce(streams, request, reply),
    );
  }
}

async function produce(
  streams: ProduceStreamService,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const params = request.params as RecordsParams;
  try {
    await streams.handle(params.cluster_id, params.topic_name, request, reply);
  } catch (error) {
    answerError(error, request, reply, logger);
  }
}
