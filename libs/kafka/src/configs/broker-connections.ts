import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Admin as PltAdmin, Connection } from '@platformatic/kafka';
import { ClusterMetadata } from '../admin/cluster-metadata';
import { createProtocolAdmin, KafkaClients } from '../kafka-clients';
import { KafkaError, toKafkaError } from '../kafka-errors';
import { KAFKA_OPTIONS, KafkaOptions } from '../kafka.options';

/**
 * Raw protocol requests addressed to one broker. A broker describes (and alters) only its own
 * per-broker configs and answers INVALID_REQUEST for another id, so these cannot go to "any"
 * broker the way KafkaClients.onAnyBroker sends them.
 */
@Injectable()
export class BrokerConnections implements OnModuleDestroy {
  // Same connection settings as KafkaClients' protocol admin, but a pool we may address by broker.
  private readonly protocolAdmin: PltAdmin;

  constructor(
    @Inject(KAFKA_OPTIONS) options: KafkaOptions,
    private readonly clients: KafkaClients,
    private readonly metadata: ClusterMetadata,
  ) {
    this.protocolAdmin = createProtocolAdmin(options);
  }

  /** Runs the request on broker `brokerId`, or on any broker when it is undefined. */
  async run<T>(
    brokerId: number | undefined,
    request: (connection: Connection) => Promise<T>,
  ): Promise<T> {
    if (brokerId === undefined) {
      return this.clients.onAnyBroker(request);
    }
    const { brokers } = await this.metadata.fetch([]);
    const broker = brokers.find((b) => b.nodeId === brokerId);
    if (broker === undefined) {
      throw new KafkaError(
        'BROKER_NOT_AVAILABLE',
        `Broker ${brokerId} is not in the cluster.`,
        true,
      );
    }
    try {
      const connection = await this.protocolAdmin.connections.get({
        host: broker.host,
        port: broker.port,
      });
      return await request(connection);
    } catch (error) {
      throw toKafkaError(error);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.protocolAdmin.close().catch(() => undefined);
  }
}
