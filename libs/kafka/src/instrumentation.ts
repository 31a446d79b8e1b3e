import { Injectable } from '@nestjs/common';
import type { Admin, Consumer, Producer } from 'kafkajs';

export type KafkaClientKind = 'admin' | 'producer' | 'consumer';

export interface KafkaRequestEvent {
  client: KafkaClientKind;
  /** Kafka protocol API name, e.g. "Produce", "Fetch", "Metadata". */
  api: string;
  durationMs: number;
}

export interface KafkaRequestErrorEvent {
  client: KafkaClientKind;
  reason: 'timeout';
}

/**
 * Client-side Kafka timings from kafkajs instrumentation events, exposed as plain callbacks so
 * libs/metrics never sees kafkajs. Every kafkajs client libs/kafka creates is attached here.
 */
@Injectable()
export class KafkaInstrumentation {
  private readonly requestListeners: ((event: KafkaRequestEvent) => void)[] = [];
  private readonly errorListeners: ((event: KafkaRequestErrorEvent) => void)[] = [];
  private readonly producedListeners: ((topic: string, bytes: number) => void)[] = [];

  onRequest(listener: (event: KafkaRequestEvent) => void): void {
    this.requestListeners.push(listener);
  }

  onRequestError(listener: (event: KafkaRequestErrorEvent) => void): void {
    this.errorListeners.push(listener);
  }

  /** Each record Kafka acknowledged, with its serialized key + value + headers size. */
  onRecordProduced(listener: (topic: string, bytes: number) => void): void {
    this.producedListeners.push(listener);
  }

  /** For use inside libs/kafka when Kafka acknowledges a record. */
  recordProduced(topic: string, bytes: number): void {
    this.producedListeners.forEach((listener) => listener(topic, bytes));
  }

  /** For use inside libs/kafka when a kafkajs client is created. */
  attach(client: Admin | Producer | Consumer, kind: KafkaClientKind): void {
    const events = client.events as { REQUEST: string; REQUEST_TIMEOUT: string };
    const on = client.on.bind(client) as (event: string, listener: (e: unknown) => void) => void;
    on(events.REQUEST, (event) => {
      const payload = (event as { payload: { apiName: string; duration: number } }).payload;
      const e = { client: kind, api: payload.apiName, durationMs: payload.duration };
      this.requestListeners.forEach((listener) => listener(e));
    });
    on(events.REQUEST_TIMEOUT, () => {
      this.errorListeners.forEach((listener) => listener({ client: kind, reason: 'timeout' }));
    });
  }
}
