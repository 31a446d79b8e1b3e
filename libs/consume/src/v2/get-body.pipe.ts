import { createParamDecorator, ExecutionContext, PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ZodType, ZodTypeDef } from 'zod';
import { RestError, requestBodyStream, ZodBodyPipe } from '@gateway/rest';

// A list of partitions; a body beyond this is not one.
const MAX_GET_BODY_BYTES = 1_048_576;

/** The request body stream: Fastify never parses a GET body. */
export const RawRequest = createParamDecorator((_data: unknown, ctx: ExecutionContext): Readable =>
  requestBodyStream(ctx.switchToHttp().getRequest<FastifyRequest>().raw),
);

/**
 * kafka-rest's `GET .../offsets` takes a JSON body; reads and validates it like any body
 * (malformed JSON 400, null 422, unknown field 422, too large 413).
 */
export class GetBodyPipe<T> implements PipeTransform<Readable, Promise<T>> {
  private readonly validation: ZodBodyPipe<T>;

  /** `whenEmpty`: kafka-rest's answer to no body at all (GET offsets: 40402). */
  constructor(
    schema: ZodType<T, ZodTypeDef, unknown>,
    private readonly whenEmpty: () => RestError,
  ) {
    this.validation = new ZodBodyPipe(schema);
  }

  async transform(body: Readable): Promise<T> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      // The rest is read and dropped (bounded by the body timeout), so the client gets the 413.
      if (size <= MAX_GET_BODY_BYTES) {
        chunks.push(chunk as Buffer);
      }
    }
    if (size > MAX_GET_BODY_BYTES) {
      throw new RestError('PAYLOAD_TOO_LARGE');
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') {
      throw this.whenEmpty();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw RestError.badRequest(`Error processing JSON: ${(error as Error).message}`);
    }
    return this.validation.transform(parsed);
  }
}
