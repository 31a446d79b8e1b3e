import { DynamicModule, Global, Injectable, Module, OnModuleInit, Optional } from '@nestjs/common';
import { ReadinessChecks } from '@gateway/health';
import { SchemaRegistryOptions } from './schema-registry.types';
import { SCHEMA_REGISTRY_OPTIONS, SchemaSerdes } from './schema-serdes';

/** Adds 'schema-registry' to GET /ready when a registry is configured. */
@Injectable()
export class SchemaRegistryReadiness implements OnModuleInit {
  constructor(
    private readonly serdes: SchemaSerdes,
    @Optional() private readonly readiness?: ReadinessChecks,
  ) {}

  onModuleInit(): void {
    const client = this.serdes.client;
    if (client !== undefined && this.readiness !== undefined) {
      this.readiness.register('schema-registry', () => client.ping());
    }
  }
}

/**
 * Provides SchemaSerdes everywhere. `null` options: no registry configured, so every schema
 * request is answered 42206 "Schema Registry must be configured when using schemas."
 */
@Global()
@Module({})
export class SchemaRegistryModule {
  static forRoot(options: SchemaRegistryOptions | null): DynamicModule {
    return {
      module: SchemaRegistryModule,
      providers: [
        { provide: SCHEMA_REGISTRY_OPTIONS, useValue: options },
        SchemaSerdes,
        SchemaRegistryReadiness,
      ],
      exports: [SchemaSerdes],
    };
  }
}
