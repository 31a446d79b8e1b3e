import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ResourceUrls } from './resource-urls';

export const RESOURCE_URLS = Symbol('resourceUrls');

/** Injects the request's ResourceUrls (a request decorator RestModule registers). */
export const Urls = createParamDecorator((_data: unknown, ctx: ExecutionContext): ResourceUrls => {
  const request = ctx.switchToHttp().getRequest<Record<symbol, ResourceUrls | undefined>>();
  const urls = request[RESOURCE_URLS];
  if (urls === undefined) {
    throw new Error('RestModule is not imported: no ResourceUrls on the request');
  }
  return urls;
});
