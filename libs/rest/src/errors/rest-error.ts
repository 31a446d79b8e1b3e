import { ERROR_CODES, ErrorName } from './error-codes';

/** The body of every error the gateway returns. */
export interface ErrorBody {
  error_code: number;
  message: string;
}

/** An error that becomes a Confluent error body; build it with the named factories below. */
export class RestError extends Error {
  readonly status: number;
  readonly errorCode: number;
  /** The request log's code when it is not errorCode (a rate limit's 4290xx). */
  logCode?: number;

  constructor(name: ErrorName, message?: string) {
    const entry = ERROR_CODES[name];
    super(message ?? entry.message);
    this.name = 'RestError';
    this.status = entry.status;
    this.errorCode = entry.errorCode;
  }

  loggedAs(code: number): this {
    this.logCode = code;
    return this;
  }

  toBody(): ErrorBody {
    return { error_code: this.errorCode, message: this.message };
  }

  static notFound(): RestError {
    return new RestError('NOT_FOUND');
  }

  /** Child resources of a wrong cluster id (the cluster itself answers a plain 404). */
  static clusterNotFound(clusterId: string): RestError {
    return new RestError('NOT_FOUND', `Cluster ${clusterId} cannot be found.`);
  }

  static topicExists(topicName: string): RestError {
    return new RestError('KAFKA_BAD_REQUEST', `Topic '${topicName}' already exists.`);
  }

  static badRequest(detail: string): RestError {
    return new RestError('BAD_REQUEST', detail);
  }

  static unrecognizedField(field: string): RestError {
    return new RestError('UNPROCESSABLE_ENTITY', `Unrecognized field: ${field}`);
  }

  static invalidPayload(detail: string): RestError {
    return new RestError('INVALID_PAYLOAD', `Payload error. ${detail}`);
  }

  static emptyBody(): RestError {
    return RestError.invalidPayload('Request body is empty. Data is required.');
  }
}
