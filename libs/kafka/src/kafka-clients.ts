import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Admin as PltAdmin, Connection } from '@platformatic/kafka';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { assertUsableSecurity, kafkajsSecurity, platformaticSecurity } from './connection-security';
import { toKafkaError } from './kafka-errors';
import { KafkaInstrumentation } from './instrumentation';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka.options';

/**
 * Owns the Kafka client connections of the process: kafkajs for most operations, and
 * @platformatic/kafka for the protocol fields and requests kafkajs drops (rack, is_internal,
 * validate-only create, KIP-525 results). Nothing outside libs/kafka sees either client.
 */
@Injectable()
export class KafkaClients implements OnModuleDestroy {
  readonly kafka: Kafka;
  private readonly protocolAdmin: PltAdmin;
  private adminConnection?: Promise<Admin>;

  constructor(
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
    readonly instrumentation: KafkaInstrumentation,
  ) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.bootstrapServers,
      connectionTimeout: options.connectionTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 },
      logLevel: logLevel.NOTHING,
      ...kafkajsSecurity(options.security),
    });
    this.protocolAdmin = createProtocolAdmin(options);
  }

  /** The shared kafkajs admin client, connected on first use and again after a failure. */
  async admin(): Promise<Admin> {
    assertUsableSecurity(this.options.security);
    if (this.adminConnection === undefined) {
      const admin = this.kafka.admin();
      this.instrumentation.attach(admin, 'admin');
      this.adminConnection = admin.connect().then(() => admin);
      this.adminConnection.catch(() => (this.adminConnection = undefined));
    }
    return this.adminConnection;
  }

  /** Runs a raw protocol request on any reachable broker; errors come out as KafkaError. */
  async onAnyBroker<T>(request: (connection: Connection) => Promise<T>): Promise<T> {
    assertUsableSecurity(this.options.security);
    try {
      const connection = await this.protocolAdmin.connections.getFirstAvailable(
        this.options.bootstrapServers.map(parseHostPort),
      );
      return await request(connection);
    } catch (error) {
      throw toKafkaError(error);
    }
  }

  /** Runs an operation with the kafkajs admin; errors come out as KafkaError. */
  async withAdmin<T>(operation: (admin: Admin) => Promise<T>): Promise<T> {
    try {
      return await operation(await this.admin());
    } catch (error) {
      throw toKafkaError(error);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const admin = this.adminConnection;
    this.adminConnection = undefined;
    await Promise.allSettled([admin?.then((a) => a.disconnect()), this.protocolAdmin.close()]);
  }
}

export function createProtocolAdmin(
  options: Pick<
    KafkaOptions,
    'clientId' | 'bootstrapServers' | 'connectionTimeoutMs' | 'requestTimeoutMs' | 'security'
  >,
): PltAdmin {
  return new PltAdmin({
    clientId: options.clientId,
    bootstrapBrokers: options.bootstrapServers,
    connectTimeout: options.connectionTimeoutMs,
    timeout: options.requestTimeoutMs,
    retries: 1,
    ...platformaticSecurity(options.security),
  });
}

export function parseHostPort(address: string): { host: string; port: number } {
  const index = address.lastIndexOf(':');
  return { host: address.slice(0, index), port: Number(address.slice(index + 1)) };
}
