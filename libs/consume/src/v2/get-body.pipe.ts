import { createParamDecorator, ExecutionContext, PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { ZodType, ZodTypeDef } from 'zod';
import { RestError, ZodBodyPipe } from '@gateway/rest';

/** The raw request stream: Fastify never parses a GET body. */
export const RawRequest = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): IncomingMessage =>
    ctx.switchToHttp().getRequest<FastifyRequest>().raw,
);

/**
 * kafka-rest's `GET .../offsets` takes a JSON body; reads and validates it like any body
 * (malformed JSON 400, empty 422, unknown field 422).
 */
export class GetBodyPipe<T> implements PipeTransform<IncomingMessage, Promise<T>> {
  private readonly validation: ZodBodyPipe<T>;

  constructor(schema: ZodType<T, ZodTypeDef, unknown>) {
    this.validation = new ZodBodyPipe(schema);
  }

  async transform(raw: IncomingMessage): Promise<T> {
    const chunks: Buffer[] = [];
    for await (const chunk of raw) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw RestError.badRequest(`Error processing JSON: ${(error as Error).message}`);
      }
    }
    return this.validation.transform(body);
  }
}
