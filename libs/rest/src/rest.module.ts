import { DynamicModule, Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RestExceptionFilter } from './errors/rest-exception.filter';
import { ShutdownSignal } from './lifecycle/shutdown-signal';
import { linkBaseUrl } from './resources/request-base-url';
import { ResourceUrls } from './resources/resource-urls';
import { RESOURCE_URLS } from './resources/urls.decorator';
import { REST_OPTIONS, RestOptions } from './rest.options';

/** Confluent REST conventions for every controller: the error filter and per-request links. */
@Global()
@Module({})
export class RestModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(REST_OPTIONS) private readonly options: RestOptions,
  ) {}

  static forRoot(options: RestOptions): DynamicModule {
    return {
      module: RestModule,
      providers: [
        { provide: REST_OPTIONS, useValue: options },
        { provide: APP_FILTER, useClass: RestExceptionFilter },
        ShutdownSignal,
      ],
      exports: [REST_OPTIONS, ShutdownSignal],
    };
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const { links, crnAuthority } = this.options;
    const baseUrlOf = linkBaseUrl(links);
    // Built when a controller asks (@Urls), not on every request: produce and consume never do.
    fastify.decorateRequest(RESOURCE_URLS, {
      getter(this: FastifyRequest): ResourceUrls {
        return new ResourceUrls(baseUrlOf(this), crnAuthority);
      },
    });
  }
}
