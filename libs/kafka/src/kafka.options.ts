/** How the gateway connects to Kafka; built by the app from its configuration. */
export interface KafkaOptions {
  bootstrapServers: string[];
  clientId: string;
  /** TCP connect timeout. Kept short so a dead broker gives a fast, clear error. */
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
}

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');
