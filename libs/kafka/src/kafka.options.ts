import type { KafkaSecurity } from './connection-security';
import type { KafkaIdentityOptions } from './identity/kafka-caller';
import type { RecordProducerOptions } from './producer/producer.types';

/** How the gateway connects to Kafka; built by the app from its configuration. */
export interface KafkaOptions {
  bootstrapServers: string[];
  clientId: string;
  /** TCP connect timeout. Kept short so a dead broker gives a fast, clear error. */
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  /** TLS and SASL; absent means PLAINTEXT. */
  security?: KafkaSecurity;
  /** Tuning of the shared producer; unset fields take DEFAULT_PRODUCER_OPTIONS. */
  producer?: Partial<RecordProducerOptions>;
  /** Identity propagation: admin calls made as a caller use the caller's SASL credentials. */
  identity?: KafkaIdentityOptions;
}

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');
