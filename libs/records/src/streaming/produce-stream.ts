import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { JsonRecordSplitter, noteReceipt, RestError } from '@gateway/rest';
import { parseJsonExact } from '@gateway/schema-registry';
import { ProduceResponse } from '../produce/produce-response';
import { ProduceService } from '../produce/produce.service';
import { RecordsOptions } from '../records.options';

interface Slot {
  receipt?: ProduceResponse;
  bytes: number;
}

export interface ProduceStreamTarget {
  clusterId: string;
  topic: string;
  encoding: BufferEncoding;
}

const CRLF = '\r\n';
// Per-record bookkeeping costs memory too: bound the count as well as the bytes.
const MAX_PENDING_RECORDS = 20_000;
// How long a connection the gateway ends may still take the client's bytes before it is cut.
const CLOSE_LINGER_MS = 1_000;
// Receipts written at once: bounded, so backpressure still applies to a long run of them.
const MAX_CHUNK_CHARS = 64 * 1024;
const SIZE_LIMIT_MESSAGE =
  'Bad Request: Error processing message: Produce request size is larger than allowed threshold';

/**
 * One streaming produce request (CONFLUENT-REST-NOTES.md §3.3): reads concatenated JSON
 * records from the body while writing one receipt per record, in request order, each followed
 * by CRLF. Reading pauses while too many records await their receipt (Kafka or the client is
 * slower than the sender), so memory stays bounded. Errors of one record go in its receipt;
 * broken JSON, an oversized record or the end of the maximum duration end the stream after the
 * earlier receipts. Resolves with every receipt written once the response has ended.
 */
export class ProduceStream {
  private readonly slots: Slot[] = [];
  private head = 0;
  private written = 0;
  private pendingBytes = 0;
  private readonly splitter: JsonRecordSplitter;
  private readingDone = false;
  private dropConnection = false;
  private paused = false;
  private waitingDrain = false;
  private flushQueued = false;
  private finished = false;
  /** The client left an Idempotency-Key request: its receipts are kept, no longer written. */
  private clientGone = false;
  private expired = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly receipts: ProduceResponse[] | undefined;
  private resolveDone!: (receipts: ProduceResponse[] | null) => void;

  constructor(
    private readonly service: ProduceService,
    private readonly options: RecordsOptions,
    private readonly target: ProduceStreamTarget,
    private readonly body: Readable | IncomingMessage,
    private readonly res: ServerResponse,
    /** Keep the receipts (for Idempotency-Key replays). */
    keepReceipts = false,
  ) {
    const limit = options.requestSizeLimitMaxBytes;
    this.splitter = new JsonRecordSplitter(limit > 0 ? limit : options.maxRecordJsonBytes);
    this.receipts = keepReceipts ? [] : undefined;
  }

  /** Resolves with the receipts (if kept) or null when the body was empty (a 422 was sent). */
  run(): Promise<ProduceResponse[] | null> {
    const done = new Promise<ProduceResponse[] | null>((resolve) => (this.resolveDone = resolve));
    this.body.on('data', this.onData);
    this.body.on('end', this.onEnd);
    this.body.on('error', this.onClientGone);
    this.res.on('close', this.onClientGone);
    this.res.on('drain', this.onDrain);
    const { streamingMaxDurationMs, streamingGracePeriodMs } = this.options;
    this.timers.push(setTimeout(() => (this.expired = true), streamingMaxDurationMs));
    this.timers.push(
      setTimeout(() => this.stopReading(true), streamingMaxDurationMs + streamingGracePeriodMs),
    );
    return done;
  }

  /**
   * The gateway is shutting down (ShutdownSignal): stop reading, write the receipts owed for
   * the records already read, end the response and close the connection. A client resends
   * whatever got no receipt, and nothing it was told about is lost or written twice.
   */
  drain(): void {
    this.stopReading(true);
  }

  private readonly onData = (chunk: Buffer): void => {
    if (!this.splitter.push(chunk, this.onRecord)) {
      this.endWithError(SIZE_LIMIT_MESSAGE, true);
      return;
    }
    if (!this.paused && this.overloaded()) {
      this.paused = true;
      this.body.pause();
    }
  };

  private readonly onEnd = (): void => {
    const state = this.splitter.end(this.onRecord);
    if (state === 'truncated') {
      this.endWithError('Bad Request: Error processing JSON: Unexpected end-of-input', false);
    } else if (state === 'too-large') {
      this.endWithError(SIZE_LIMIT_MESSAGE, true);
    } else {
      this.readingDone = true;
      this.flush();
    }
  };

  private readonly onRecord = (bytes: Buffer): void => {
    if (this.readingDone) {
      return;
    }
    let json: unknown;
    try {
      json = parseJsonExact(bytes.toString(this.target.encoding));
    } catch (error) {
      this.endWithError(`Bad Request: Error processing JSON: ${(error as Error).message}`, false);
      return;
    }
    const slot = this.addSlot(bytes.length);
    if (this.expired) {
      slot.receipt = new RestError('STREAMING_CONNECTION_EXPIRED').toBody();
      this.flush();
      return;
    }
    const { clusterId, topic } = this.target;
    void this.service.produceJson(clusterId, topic, json, bytes.length).then((receipt) => {
      slot.receipt = receipt;
      this.flushSoon();
    });
  };

  private readonly onDrain = (): void => {
    this.waitingDrain = false;
    this.flush();
  };

  private readonly onClientGone = (): void => {
    if (this.finished) {
      return;
    }
    if (this.receipts !== undefined) {
      // An Idempotency-Key body is in memory: every record still gets its receipt, kept for
      // the retry, which must hear about all of them (not only those written before).
      this.clientGone = true;
      this.waitingDrain = false;
      this.flush();
      return;
    }
    this.finish(false);
  };

  private addSlot(bytes: number): Slot {
    if (this.written === 0 && this.slots.length === 0 && !this.res.headersSent) {
      // Like kafka-rest, answer 200 before the first record is processed: errors go in receipts.
      this.res.writeHead(200, { 'Content-Type': 'application/json' });
      this.res.flushHeaders();
    }
    const slot: Slot = { bytes };
    this.slots.push(slot);
    this.pendingBytes += bytes;
    return slot;
  }

  /** The last receipt: kafka-rest stops reading here and closes once earlier receipts are out. */
  private endWithError(message: string, dropConnection: boolean): void {
    if (this.readingDone) {
      return;
    }
    this.addSlot(0).receipt = { error_code: 400, message };
    this.dropConnection = dropConnection;
    this.stopReading(false);
  }

  private stopReading(drop: boolean): void {
    if (this.readingDone) {
      return;
    }
    this.readingDone = true;
    this.dropConnection ||= drop;
    this.splitter.stop();
    this.body.removeListener('data', this.onData);
    this.body.pause();
    this.flush();
  }

  private overloaded(): boolean {
    const pending = this.slots.length - this.head;
    return (
      this.pendingBytes > this.options.streamingMaxPendingBytes || pending > MAX_PENDING_RECORDS
    );
  }

  /**
   * Flushes after the receipts settled in this round of microtasks: a produce batch settles its
   * records together, so they leave in one write instead of one write each.
   */
  private flushSoon(): void {
    if (this.flushQueued) {
      return;
    }
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  /**
   * Writes every receipt that is ready at the head of the queue, in order, as one chunk: one
   * write per flush rather than per receipt (a batch of receipts often completes at once).
   */
  private flush(): void {
    if (this.finished) {
      return;
    }
    let chunk = '';
    while (!this.waitingDrain && this.head < this.slots.length) {
      const slot = this.slots[this.head];
      if (slot.receipt === undefined) {
        break;
      }
      this.head++;
      this.written++;
      this.pendingBytes -= slot.bytes;
      this.receipts?.push(slot.receipt);
      noteReceipt(this.res.req, slot.receipt);
      if (this.clientGone) {
        continue;
      }
      chunk += JSON.stringify(slot.receipt) + CRLF;
      if (chunk.length >= MAX_CHUNK_CHARS) {
        this.waitingDrain = !this.res.write(chunk);
        chunk = '';
      }
    }
    if (chunk.length > 0) {
      this.waitingDrain = !this.res.write(chunk);
    }
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots.splice(0, this.head);
      this.head = 0;
    }
    if (this.paused && !this.readingDone && !this.overloaded()) {
      this.paused = false;
      this.body.resume();
    }
    if (this.readingDone && this.head === this.slots.length) {
      this.finish(true);
    }
  }

  private finish(complete: boolean): void {
    this.finished = true;
    this.timers.forEach((t) => clearTimeout(t));
    this.body.removeListener('data', this.onData);
    this.res.removeListener('drain', this.onDrain);
    if (this.clientGone) {
      this.resolveDone(this.written === 0 ? null : this.receipts!);
      return;
    }
    if (!complete) {
      this.resolveDone(this.receipts ?? []);
      return;
    }
    if (this.written === 0) {
      const empty = RestError.emptyBody().toBody();
      noteReceipt(this.res.req, empty);
      const body = JSON.stringify(empty);
      this.res.writeHead(422, { 'Content-Type': 'application/json' });
      this.res.once('finish', () => this.resolveDone(null));
      this.res.end(body);
      return;
    }
    // Taken now: Node detaches the socket from the response when it finishes.
    const socket = this.res.socket;
    this.res.once('finish', () => {
      if (this.dropConnection && socket) {
        // The client may still be sending (a huge body): close instead of draining it, but
        // half-close first: a reset at once can discard the last receipts before it reads them.
        socket.end();
        setTimeout(() => socket.destroy(), CLOSE_LINGER_MS).unref();
      }
      this.resolveDone(this.receipts ?? []);
    });
    this.res.end();
  }
}
