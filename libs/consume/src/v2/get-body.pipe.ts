import { createParamDecorator, ExecutionContext, PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { ZodType, ZodTypeDef } from 'zod';
import { readGetBodyText, RestError, ZodBodyPipe } from '@gateway/rest';

/** The raw request: Fastify never parses a GET body. */
export const RawRequest = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): IncomingMessage =>
    ctx.switchToHttp().getRequest<FastifyRequest>().raw,
);

/**
 * kafka-rest's `GET .../offsets` takes a JSON body; reads and validates it like any body
 * (malformed JSON 400, null 422, unknown field 422, too large 413).
 */
export class GetBodyPipe<T> implements PipeTransform<IncomingMessage, Promise<T>> {
  private readonly validation: ZodBodyPipe<T>;

  /** `whenEmpty`: kafka-rest's answer to no body at all (GET offsets: 40402). */
  constructor(
    schema: ZodType<T, ZodTypeDef, unknown>,
    private readonly whenEmpty: () => RestError,
  ) {
    this.validation = new ZodBodyPipe(schema);
  }

  async transform(raw: IncomingMessage): Promise<T> {
    const text = await readGetBodyText(raw);
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
