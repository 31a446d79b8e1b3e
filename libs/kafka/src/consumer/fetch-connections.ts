import { type Broker, ConnectionPool, Consumer, FetchIsolationLevels } from '@platformatic/kafka';
import { platformaticSecurity } from '../connection-security';
import { toKafkaError } from '../kafka-errors';
import { KafkaOptions } from '../kafka.options';
import { FetchApi, fetchApiFor, FetchRequest, RawFetchResponse } from './fetch-response';

/** The longest a broker may hold one fetch; polls wait at most this long per round trip. */
export const MAX_FETCH_WAIT_MS = 30_000;

export interface FetchLimits {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
}

// A failed fetch request (not a partition error) is tried once more after this long.
const FETCH_RETRY_DELAY_MS = 100;

/**
 * Raw Fetch requests of a ConsumerClient, on connections of their own so a long poll never
 * delays the group heartbeats that share the client.
 */
export class FetchConnections {
  private readonly pool: ConnectionPool;
  private fetchApi?: Promise<FetchApi>;

  constructor(
    private readonly client: Consumer,
    clientId: string,
    options: KafkaOptions,
  ) {
    const connection = {
      connectTimeout: options.connectionTimeoutMs,
      requestTimeout: MAX_FETCH_WAIT_MS + options.requestTimeoutMs,
      ...platformaticSecurity(options.security),
    };
    this.pool = new ConnectionPool(clientId, connection);
  }

  /** One Fetch request on the fetch connections, tried again once if it failed as a whole. */
  async fetch(
    broker: Broker,
    topics: FetchRequest[6],
    limits: FetchLimits,
  ): Promise<RawFetchResponse> {
    for (let attempt = 0; ; attempt++) {
      try {
        const api = await this.fetchApiOfBroker();
        const connection = await this.pool.get(broker);
        const response = await api.async(
          connection,
          Math.min(limits.maxWaitMs, MAX_FETCH_WAIT_MS),
          limits.minBytes,
          limits.maxBytes,
          FetchIsolationLevels.READ_COMMITTED,
          0,
          0,
          topics,
          [],
          '',
        );
        if (response.responses.some((t) => t.partitions.some((p) => p.errorCode !== 0))) {
          // Leaders may have moved: the next fetch looks them up again.
          this.client.clearMetadata();
        }
        return response;
      } catch (error) {
        const retriable = !(error as { findBy?: (k: string, v: unknown) => unknown }).findBy?.(
          'canRetry',
          false,
        );
        if (attempt > 0 || !retriable) {
          throw toKafkaError(error);
        }
        await new Promise((resolve) => setTimeout(resolve, FETCH_RETRY_DELAY_MS));
      }
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** The Fetch version this client's brokers speak, asked once. */
  private fetchApiOfBroker(): Promise<FetchApi> {
    this.fetchApi ??= this.client.listApis().then(fetchApiFor, (error: unknown) => {
      this.fetchApi = undefined;
      throw error;
    });
    return this.fetchApi;
  }
}
