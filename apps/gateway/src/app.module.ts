import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from '@gateway/admin';
import { ConsumeModule } from '@gateway/consume';
import { HealthModule } from '@gateway/health';
import { KafkaModule } from '@gateway/kafka';
import { MetricsModule } from '@gateway/metrics';
import { RecordsModule } from '@gateway/records';
import { RestModule } from '@gateway/rest';
import { SchemaRegistryModule } from '@gateway/schema-registry';
import { GatewayConfig } from './config/gateway.config';

/** Composition root: wires the libraries with the parsed configuration. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig & { bootstrapServers: string[] }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KafkaModule.forRootAsync({
          useFactory: () => ({ bootstrapServers: config.bootstrapServers, ...config.kafka }),
        }),
        RestModule.forRoot({
          links: config.links,
          crnAuthority: config.crnAuthority,
        }),
        MetricsModule.forRoot(config.metrics),
        HealthModule,
        SchemaRegistryModule.forRoot(config.schemaRegistry),
        AdminModule,
        ConsumeModule.forRoot(config.consume),
        RecordsModule.forRoot(config.records),
      ],
    };
  }
}
