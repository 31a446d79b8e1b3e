import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { BatchProduceService } from './batch/batch.service';
import { IdempotencyStore } from './limits/idempotency-store';
import { ProduceRateLimiter } from './limits/produce-rate-limiter';
import { ProduceController } from './produce/produce.controller';
import { registerProduceRoute } from './produce/produce-route';
import { ProduceService } from './produce/produce.service';
import { RecordPreparer } from './produce/record-preparer';
import { RECORDS_OPTIONS, RecordsOptions } from './records.options';
import { RecordSerializers } from './serialization/record-serializers';
import { SchemaSerializersInstaller } from './serialization/schema-serializers';
import { ProduceStreamService } from './streaming/produce-stream.service';
import { ProduceV2Controller } from './v2/produce-v2.controller';
import { ProduceV2Service } from './v2/produce-v2.service';
import { V2SchemaEncoder } from './v2/v2-schema-encoder';

export interface RecordsModuleAsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => RecordsOptions | Promise<RecordsOptions>;
}

const PROVIDERS = [
  RecordSerializers,
  SchemaSerializersInstaller,
  RecordPreparer,
  ProduceRateLimiter,
  IdempotencyStore,
  ProduceService,
  ProduceStreamService,
  BatchProduceService,
  ProduceV2Service,
  V2SchemaEncoder,
];

/** The data plane: v3 produce (single, streaming, batch) and v2 produce. */
@Module({})
export class RecordsModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly streams: ProduceStreamService,
  ) {}

  static forRoot(options: RecordsOptions): DynamicModule {
    return RecordsModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: RecordsModuleAsyncOptions): DynamicModule {
    return {
      module: RecordsModule,
      imports: options.imports ?? [],
      controllers: [ProduceController, ProduceV2Controller],
      providers: [
        { provide: RECORDS_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        ...PROVIDERS,
      ],
      // Schema formats register their serializers here.
      exports: [RecordSerializers],
    };
  }

  onModuleInit(): void {
    registerProduceRoute(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), this.streams);
  }
}
