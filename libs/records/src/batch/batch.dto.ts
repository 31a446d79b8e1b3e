import type { WithLogCode } from '@gateway/rest';
import { ProduceResponseData } from '../produce/produce-response';

/** `ProduceBatchResponseSuccessEntry` */
export interface ProduceBatchResponseSuccessEntry {
  id: string;
  cluster_id?: string;
  topic_name?: string;
  partition_id?: number;
  offset?: number;
  timestamp?: string;
  key?: ProduceResponseData;
  value?: ProduceResponseData;
}

/** `ProduceBatchResponseFailureEntry` */
export interface ProduceBatchResponseFailureEntry extends WithLogCode {
  id: string;
  error_code: number;
  message?: string;
}

/** `ProduceBatchResponse`: both lists keep request order. */
export interface ProduceBatchResponse {
  successes: ProduceBatchResponseSuccessEntry[];
  failures: ProduceBatchResponseFailureEntry[];
}
