import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import {
  Admin as PltAdmin,
  apiVersionsV3,
  Connection,
  FindCoordinatorKeyTypes,
} from '@platformatic/kafka';
import { assertUsableSecurity } from '../connection-security';
import { createProtocolAdmin } from '../kafka-clients';
import { toKafkaError } from '../kafka-errors';
import { KAFKA_OPTIONS, KafkaOptions } from '../kafka.options';
import {
  CONSUMER_GROUP_DESCRIBE_API_KEY,
  CONSUMER_GROUP_DESCRIBE_VERSION,
} from './consumer-group-describe-v1';

export interface GroupCoordinator {
  nodeId: number;
  host: string;
  port: number;
}

/**
 * The @platformatic/kafka admin used for consumer groups, offsets and records: its high-level
 * calls route each request to the group coordinator or the partition leader, and its pool
 * gives connections to a given broker for the raw requests the library has no call for.
 */
@Injectable()
export class GroupsClient implements OnModuleDestroy {
  readonly admin: PltAdmin;
  private consumerGroupDescribe?: Promise<boolean>;

  constructor(@Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions) {
    this.admin = createProtocolAdmin(options);
  }

  /** Runs an admin call; errors come out as KafkaError. */
  async run<T>(operation: (admin: PltAdmin) => Promise<T>): Promise<T> {
    assertUsableSecurity(this.options.security);
    try {
      return await operation(this.admin);
    } catch (error) {
      throw toKafkaError(error);
    }
  }

  /** The coordinator of each group (one FindCoordinator request for all of them). */
  async coordinators(groupIds: string[]): Promise<Map<string, GroupCoordinator>> {
    if (groupIds.length === 0) {
      return new Map();
    }
    const found = await this.run((admin) =>
      admin.findCoordinator({ keyType: FindCoordinatorKeyTypes.GROUP, keys: groupIds }),
    );
    return new Map(found.map((c) => [c.key, { nodeId: c.nodeId, host: c.host, port: c.port }]));
  }

  /** Sends a raw request to one broker; protocol errors are left for the caller to inspect. */
  async onBroker<T>(
    broker: GroupCoordinator,
    request: (connection: Connection) => Promise<T>,
  ): Promise<T> {
    const connection = await this.run((admin) =>
      admin.connections.get({ host: broker.host, port: broker.port }),
    );
    return request(connection);
  }

  /** Whether the brokers answer ConsumerGroupDescribe v1 (Kafka 4.0+); asked once. */
  supportsConsumerGroupDescribe(connection: Connection): Promise<boolean> {
    this.consumerGroupDescribe ??= apiVersionsV3.api
      .async(connection, 'kafka-http-gateway', '1')
      .then((response) =>
        response.apiKeys.some(
          (api) =>
            api.apiKey === CONSUMER_GROUP_DESCRIBE_API_KEY &&
            api.minVersion <= CONSUMER_GROUP_DESCRIBE_VERSION &&
            api.maxVersion >= CONSUMER_GROUP_DESCRIBE_VERSION,
        ),
      );
    this.consumerGroupDescribe.catch(() => (this.consumerGroupDescribe = undefined));
    return this.consumerGroupDescribe;
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin.close().catch(() => undefined);
  }
}
