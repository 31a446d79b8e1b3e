import { ConnectionPool, FindCoordinatorKeyTypes, findCoordinatorV6 } from '@platformatic/kafka';
import { toKafkaError } from '../kafka-errors';
import { parseHostPort } from '../kafka-clients';
import { hasProtocolError } from './protocol-errors';
import { KafkaSecurity, platformaticSecurity } from '../connection-security';

export type Connection = Awaited<ReturnType<ConnectionPool['get']>>;

// The coordinator moved, is starting, or __consumer_offsets is being created (first group).
const COORDINATOR_ERRORS = [
  'COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR',
  'COORDINATOR_LOAD_IN_PROGRESS',
];
const ATTEMPTS = 30;
const RETRY_DELAY_MS = 200;

/**
 * Runs requests on a group's coordinator, finding it first and again when it moves. Group
 * requests get their own connection, so fetches never delay heartbeats or commits.
 */
export class GroupCoordinator {
  private readonly pool: ConnectionPool;
  // Kafka answers one request at a time per connection, and a JoinGroup waiting for the
  // rebalance holds its connection for up to the rebalance timeout: a LeaveGroup behind it
  // would wait as long (and the group with it). Leaves go on a connection of their own.
  private readonly asidePool: ConnectionPool;
  private coordinator?: { host: string; port: number };

  constructor(
    readonly groupId: string,
    clientId: string,
    private readonly bootstrapServers: string[],
    connectTimeout: number,
    requestTimeout: number,
    security?: KafkaSecurity,
  ) {
    const options = { connectTimeout, requestTimeout, ...platformaticSecurity(security) };
    this.pool = new ConnectionPool(clientId, options);
    this.asidePool = new ConnectionPool(clientId, options);
  }

  /** `request` may be retried: it must be safe to send again. */
  run<T>(request: (connection: Connection) => Promise<T>): Promise<T> {
    return this.runOn(this.pool, request);
  }

  /** As `run`, on a connection no JoinGroup can be holding (for LeaveGroup). */
  runAside<T>(request: (connection: Connection) => Promise<T>): Promise<T> {
    return this.runOn(this.asidePool, request);
  }

  private async runOn<T>(
    pool: ConnectionPool,
    request: (connection: Connection) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(await pool.get(await this.find()));
      } catch (error) {
        const retriable =
          hasProtocolError(error, ...COORDINATOR_ERRORS) ||
          (error as { code?: string }).code === 'PLT_KFK_NETWORK';
        if (!retriable || attempt >= ATTEMPTS) {
          throw error;
        }
        this.coordinator = undefined;
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.close(), this.asidePool.close()]).catch((error: unknown) => {
      throw toKafkaError(error);
    });
  }

  private async find(): Promise<{ host: string; port: number }> {
    if (this.coordinator === undefined) {
      const connection = await this.pool.getFirstAvailable(
        this.bootstrapServers.map(parseHostPort),
      );
      const response = await findCoordinatorV6.api.async(
        connection,
        FindCoordinatorKeyTypes.GROUP,
        [this.groupId],
      );
      const found = response.coordinators[0];
      this.coordinator = { host: found.host, port: found.port };
    }
    return this.coordinator;
  }
}
