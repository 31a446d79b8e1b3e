import { DynamicModule, Module, Provider } from '@nestjs/common';
import { CONSUME_OPTIONS, ConsumeOptions, DEFAULT_CONSUME_OPTIONS } from './consume.options';
import { ClusterGuard } from './shared/cluster-guard.service';
import { SchemaDecoder } from './shared/schema-decoder';
import { ConsumerRegistry } from './v2/consumer-registry';
import { ConsumersController } from './v2/consumers.controller';
import { ConsumerReadsService } from './v2/consumer-reads.service';
import { ConsumersService } from './v2/consumers.service';
import { PartitionRecordsController } from './v3/partition-records.controller';
import { PartitionRecordsService } from './v3/partition-records.service';
import { RecordStreamController } from './v3/record-stream.controller';
import { RecordStreamService } from './v3/record-stream.service';

export interface ConsumeModuleAsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => Partial<ConsumeOptions> | Promise<Partial<ConsumeOptions>>;
}

const controllers = [PartitionRecordsController, RecordStreamController, ConsumersController];
const providers: Provider[] = [
  ClusterGuard,
  SchemaDecoder,
  PartitionRecordsService,
  ConsumerRegistry,
  ConsumersService,
  ConsumerReadsService,
  RecordStreamService,
];

/**
 * The consume data plane: v2 consumer instances, v3 stateless partition reads and v3 record
 * streams. Needs KafkaModule and RestModule in the app.
 */
@Module({})
export class ConsumeModule {
  static forRoot(options: Partial<ConsumeOptions> = {}): DynamicModule {
    return ConsumeModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: ConsumeModuleAsyncOptions): DynamicModule {
    return {
      module: ConsumeModule,
      imports: options.imports ?? [],
      controllers,
      providers: [
        {
          provide: CONSUME_OPTIONS,
          useFactory: async (...args: never[]) => ({
            ...DEFAULT_CONSUME_OPTIONS,
            ...(await options.useFactory(...args)),
          }),
          inject: options.inject ?? [],
        },
        ...providers,
      ],
    };
  }
}
