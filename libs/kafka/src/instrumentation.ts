import { Injectable, OnModuleDestroy } from '@nestjs/common';
import {
  Connection,
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

type SendCallback = (error: unknown, payload: unknown) => void;

const requestFailureListeners = new Set<(error: unknown) => void>();
let sendWatched = false;

/**
 * @platformatic/kafka ends a request that times out or loses its connection by calling its
 * callback without publishing on the diagnostics channel (1.35: Connection#onRequestTimeout and
 * #onClose), so those failures are seen here, at the one place every request passes: the
 * callback of Connection#send (its last argument). Patched once per process.
 */
function watchRequestFailures(): void {
  if (sendWatched) {
    return;
  }
  sendWatched = true;
  const prototype = Connection.prototype as unknown as {
    send: (this: Connection, ...args: unknown[]) => unknown;
  };
  const send = prototype.send;
  prototype.send = function (this: Connection, ...args: unknown[]) {
    const callback = args.at(-1) as SendCallback;
    args[args.length - 1] = (error: unknown, payload: unknown): void => {
      // An error code in Kafka's answer (an unknown topic, a refused ACL) is a completed request.
      if (error !== null && error !== undefined && !(error instanceof ResponseError)) {
        requestFailureListeners.forEach((listener) => listener(error));
      }
      callback(error, payload);
    };
    return send.apply(this, args);
  };
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
    // Only requests Kafka answered are timed (with an error code or not); the others are
    // counted as failures by onRequestFailed.
    if (request.error !== undefined && !(request.error instanceof ResponseError)) {
      return;
    }
    const e = {
      client: 'protocol' as const,
      api: protocolAPIsById[request.apiKey] ?? String(request.apiKey),
      durationMs: performance.now() - begun,
    };
    this.requestListeners.forEach((listener) => listener(e));
  };

  private readonly onRequestFailed = (error: unknown): void => {
    const reason = error instanceof TimeoutError ? 'timeout' : 'error';
    this.errorListeners.forEach((listener) => listener({ client: 'protocol', reason }));
  };

  constructor() {
    watchRequestFailures();
    requestFailureListeners.add(this.onRequestFailed);
    connectionsApiChannel.start.subscribe(this.onStart);
    connectionsApiChannel.asyncEnd.subscribe(this.onEnd);
    connectionsApiChannel.error.subscribe(this.onEnd);
  }

  onModuleDestroy(): void {
    requestFailureListeners.delete(this.onRequestFailed);
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
