import { GatewayMetrics } from '@gateway/metrics';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  hijackReply,
  jsonValueBytes,
  noteErrorCode,
  noteReceipt,
  RestError,
  ShutdownSignal,
} from '@gateway/rest';
import { parseJsonExact } from '@gateway/schema-registry';
import { IdempotencyStore } from '../limits/idempotency-store';
import { ProduceResponse } from '../produce/produce-response';
import { ProduceService } from '../produce/produce.service';
import { RECORDS_OPTIONS, RecordsOptions } from '../records.options';
import { declaredContentType, declaredLength } from '../raw-body.hook';
import { ProduceStream } from './produce-stream';

// Bodies up to this size with a Content-Length are read whole (the single-record fast path).
const SMALL_BODY_BYTES = 64 * 1024;

const CHARSETS: Record<string, BufferEncoding> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  'iso-8859-1': 'latin1',
  'latin-1': 'latin1',
};

/**
 * `POST .../records`: one record or a stream of them, always answered as a stream of receipts.
 * The body is read raw (RecordsModule keeps Fastify's JSON parser away from it).
 */
@Injectable()
export class ProduceStreamService {
  constructor(
    private readonly produce: ProduceService,
    private readonly idempotency: IdempotencyStore,
    @Inject(RECORDS_OPTIONS) private readonly options: RecordsOptions,
    private readonly shutdown: ShutdownSignal,
    private readonly metrics: GatewayMetrics,
  ) {}

  async handle(
    clusterId: string,
    topic: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const res = hijackReply(reply);
    const encoding = charset(declaredContentType(request.raw));
    if (encoding === undefined) {
      sendError(res, RestError.badRequest('Bad Request: Unsupported charset.'));
      return;
    }
    const target = { clusterId, topic, encoding };
    const key = request.headers['idempotency-key'];
    if (typeof key === 'string' && key !== '' && this.idempotency.enabled) {
      await this.withIdempotencyKey(key, target, request.raw, res);
      return;
    }
    const length = declaredLength(request.raw);
    if (length !== undefined && length <= SMALL_BODY_BYTES) {
      await this.smallBody(target, request.raw, res);
      return;
    }
    const stream = new ProduceStream(this.produce, this.options, target, request.raw, res);
    const done = stream.run();
    // A stream has no natural end: without this, a shutdown waits for the grace period and
    // then cuts the connection, losing the receipts of records already sent to Kafka.
    const unsubscribe = this.shutdown.onDrain(() => stream.drain());
    const closed = this.metrics.streamOpened('produce');
    try {
      await done;
    } finally {
      unsubscribe();
      closed();
    }
  }

  /**
   * The common case, one record with a Content-Length: read it whole and answer with one
   * write. Same bytes as the streaming answer (receipt + CRLF); anything else streams.
   */
  private async smallBody(
    target: { clusterId: string; topic: string; encoding: BufferEncoding },
    raw: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const body = await readBody(raw, SMALL_BODY_BYTES);
    if (body === null) {
      return;
    }
    // One JSON value parses whole; several, or a broken one, do not, and go the streaming way
    // (which answers each of them, or the error, as a stream of receipts).
    const size = body === undefined ? 0 : jsonValueBytes(body);
    const limit = this.options.requestSizeLimitMaxBytes;
    let json: unknown;
    if (body !== undefined && size > 0 && (limit === 0 || size <= limit)) {
      try {
        json = parseJsonExact(body.toString(target.encoding));
      } catch {
        json = undefined;
      }
    }
    if (json === undefined) {
      const source = Readable.from(body === undefined ? [] : [body]);
      await new ProduceStream(this.produce, this.options, target, source, res).run();
      return;
    }
    const receipt = await this.produce.produceJson(target.clusterId, target.topic, json, size);
    noteReceipt(raw, receipt);
    const text = JSON.stringify(receipt) + '\r\n';
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  /** Buffers the (bounded) body, then produces it once per key and replays the receipts. */
  private async withIdempotencyKey(
    key: string,
    target: { clusterId: string; topic: string; encoding: BufferEncoding },
    raw: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const body = await readBody(raw, this.options.maxRecordJsonBytes);
    if (body === null) {
      return;
    }
    if (body === undefined) {
      sendError(res, new RestError('PAYLOAD_TOO_LARGE'));
      return;
    }
    const fingerprint = createHash('sha256').update(body).digest('hex');
    const scope = `records\u0000${target.clusterId}\u0000${target.topic}`;
    const claim = this.idempotency.claim<ProduceResponse[]>(scope, key, fingerprint);
    if (claim.kind === 'mismatch') {
      sendError(res, idempotencyMismatch());
      return;
    }
    if (claim.kind === 'replay') {
      const receipts = await claim.result;
      receipts.forEach((r) => noteReceipt(raw, r));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(receipts.map((r) => JSON.stringify(r) + '\r\n').join(''));
      return;
    }
    const stream = new ProduceStream(
      this.produce,
      this.options,
      target,
      Readable.from([body]),
      res,
      true,
    );
    const result = stream.run().then((receipts) => {
      if (receipts === null) {
        throw new Error('empty body: nothing to replay');
      }
      return receipts;
    });
    claim.complete(result);
    await result.catch(() => undefined);
  }
}

export function idempotencyMismatch(): RestError {
  return RestError.invalidPayload(
    'Idempotency-Key was already used with a different request body.',
  );
}

function charset(contentType: string | undefined): BufferEncoding | undefined {
  const match = /;\s*charset=("?)([^";]+)\1/i.exec(contentType ?? '');
  return match === null ? 'utf8' : CHARSETS[match[2].toLowerCase()];
}

function sendError(res: ServerResponse, error: RestError): void {
  noteErrorCode(res.req, error.errorCode);
  res.writeHead(error.status, { 'Content-Type': 'application/json', Connection: 'close' });
  res.end(JSON.stringify(error.toBody()));
}

/** The whole body; undefined beyond `limit` bytes, null when the client went away first. */
function readBody(raw: IncomingMessage, limit: number): Promise<Buffer | undefined | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    raw.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        raw.removeAllListeners('data');
        raw.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    raw.on('end', () => resolve(Buffer.concat(chunks)));
    // The client went away mid-body: there is nobody to answer.
    raw.on('error', () => resolve(null));
  });
}
