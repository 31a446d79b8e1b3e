import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { LOG_CODE } from '@gateway/rest';
import { stringifyJsonExact } from '@gateway/schema-registry';
import { IdempotencyStore } from '../limits/idempotency-store';
import { ProduceRateLimiter } from '../limits/produce-rate-limiter';
import { ProduceResponse } from '../produce/produce-response';
import { ProduceService } from '../produce/produce.service';
import { RECORDS_OPTIONS, RecordsOptions } from '../records.options';
import { idempotencyMismatch } from '../streaming/produce-stream.service';
import { BatchEntry, parseBatchRequest } from './batch-request';
import { ProduceBatchResponse } from './batch.dto';

/** `POST .../records:batch`: every entry produced concurrently, answered together with 207. */
@Injectable()
export class BatchProduceService {
  constructor(
    private readonly produce: ProduceService,
    private readonly rateLimiter: ProduceRateLimiter,
    private readonly idempotency: IdempotencyStore,
    @Inject(RECORDS_OPTIONS) private readonly options: RecordsOptions,
  ) {}

  async produceBatch(
    clusterId: string,
    topic: string,
    body: unknown,
    idempotencyKey: string | undefined,
  ): Promise<ProduceBatchResponse> {
    const entries = parseBatchRequest(body, this.options.batchMaximumEntries);
    if (idempotencyKey === undefined || idempotencyKey === '' || !this.idempotency.enabled) {
      return this.produceEntries(clusterId, topic, entries);
    }
    const fingerprint = createHash('sha256').update(stringifyJsonExact(body)).digest('hex');
    const scope = `batch\u0000${clusterId}\u0000${topic}`;
    const claim = this.idempotency.claim<ProduceBatchResponse>(scope, idempotencyKey, fingerprint);
    switch (claim.kind) {
      case 'mismatch':
        throw idempotencyMismatch();
      case 'replay':
        return claim.result;
      case 'new': {
        const result = this.produceEntries(clusterId, topic, entries);
        claim.complete(result);
        return result;
      }
    }
  }

  private async produceEntries(
    clusterId: string,
    topic: string,
    entries: BatchEntry[],
  ): Promise<ProduceBatchResponse> {
    const receipts = await Promise.all(
      entries.map((entry) => this.produceEntry(clusterId, topic, entry)),
    );
    const response: ProduceBatchResponse = { successes: [], failures: [] };
    receipts.forEach((receipt, i) => {
      const { error_code, message, ...result } = receipt;
      const id = entries[i].id;
      if (error_code === 200) {
        response.successes.push({ id, ...result });
      } else {
        // The rate limit's log code goes along for the request log (JSON leaves symbols out).
        response.failures.push({ id, error_code, message, [LOG_CODE]: receipt[LOG_CODE] });
      }
    });
    return response;
  }

  private produceEntry(
    clusterId: string,
    topic: string,
    entry: BatchEntry,
  ): Promise<ProduceResponse> {
    const refusal = this.rateLimiter.refusal(clusterId, entry.jsonBytes);
    if (refusal !== undefined) {
      return Promise.resolve(this.produce.rateLimitedReceipt(refusal));
    }
    return this.produce.produce(clusterId, topic, entry.request);
  }
}
