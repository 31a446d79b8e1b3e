import { Injectable, OnModuleDestroy } from '@nestjs/common';
import {
  connectionsApiChannel,
  protocolAPIsById,
  ResponseError,
  TimeoutError,
} from '@platformatic/kafka';
import type { Admin, Consumer, Producer } from 'kafkajs';
import { performance } from 'node:perf_hooks';

/** kafkajs clients by role; `protocol` is every request sent with @platformatic/kafka. */
export type KafkaClientKind = 'admin' | 'producer' | 'consumer' | 'protocol';

export interface KafkaRequestEvent {
  client: KafkaClientKind;
  /** Kafka protocol API name, e.g. "Produce", "Fetch", "Metadata". */
  api: string;
  durationMs: number;
}

export interface KafkaRequestErrorEvent {
  client: KafkaClientKind;
  reason: 'timeout' | 'error';
}

interface ProtocolRequest {
  apiKey: number;
  error?: unknown;
}

/**
 * Client-side Kafka timings, exposed as plain callbacks so libs/metrics never sees a client
 * library: kafkajs instrumentation events from every kafkajs client libs/kafka attaches, and the
 * diagnostics channel of @platformatic/kafka (producer, consumers, raw protocol requests).
 */
@Injectable()
export class KafkaInstrumentation implements OnModuleDestroy {
  private readonly started = new WeakMap<object, number>();
  // @platformatic/kafka publishes every request on a diagnostics tracing channel.
  private readonly onStart = (context: unknown): void => {
    this.started.set(context as object, performance.now());
  };
  private readonly onEnd = (context: unknown): void => {
    const begun = this.started.get(context as object);
    const request = context as ProtocolRequest;
    if (begun === undefined) {
      return;
    }
    this.started.delete(context as object);
    // An error code in Kafka's answer (an unknown topic, a refused ACL) is a completed request;
    // only a request that got no answer (timeout, lost connection) is a failed one.
    if (request.error !== undefined && !(request.error instanceof ResponseError)) {
      const reason = request.error instanceof TimeoutError ? 'timeout' : 'error';
      this.errorListeners.forEach((listener) => listener({ client: 'protocol', reason }));
      return;
    }
    const e = {
      client: 'protocol' as const,
      api: protocolAPIsById[request.apiKey] ?? String(request.apiKey),
      durationMs: performance.now() - begun,
    };
    this.requestListeners.forEach((listener) => listener(e));
  };

  constructor() {
    connectionsApiChannel.start.subscribe(this.onStart);
    connectionsApiChannel.asyncEnd.subscribe(this.onEnd);
    connectionsApiChannel.error.subscribe(this.onEnd);
  }

  onModuleDestroy(): void {
    connectionsApiChannel.start.unsubscribe(this.onStart);
    connectionsApiChannel.asyncEnd.unsubscribe(this.onEnd);
    connectionsApiChannel.error.unsubscribe(this.onEnd);
  }

  private readonly requestListeners: ((event: KafkaRequestEvent) => void)[] = [];
  private readonly errorListeners: ((event: KafkaRequestErrorEvent) => void)[] = [];
  private readonly producedListeners: ((topic: string, records: number, bytes: number) => void)[] =
    [];

  onRequest(listener: (event: KafkaRequestEvent) => void): void {
    this.requestListeners.push(listener);
  }

  onRequestError(listener: (event: KafkaRequestErrorEvent) => void): void {
    this.errorListeners.push(listener);
  }

  /** Records Kafka acknowledged, per batch: their count and serialized size (key, value, headers). */
  onRecordsProduced(listener: (topic: string, records: number, bytes: number) => void): void {
    this.producedListeners.push(listener);
  }

  /** For use inside libs/kafka when Kafka acknowledges a batch (one call per batch, not per record). */
  recordsProduced(topic: string, records: number, bytes: number): void {
    this.producedListeners.forEach((listener) => listener(topic, records, bytes));
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
