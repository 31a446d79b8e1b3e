/** Confluent REST v3 conventions shared by the admin and records libraries. */
export { RestModule } from './rest.module';
export { RestOptions, REST_OPTIONS } from './rest.options';
export { ERROR_CODES, ErrorName, ErrorCodeEntry } from './errors/error-codes';
export { RestError, ErrorBody } from './errors/rest-error';
export { toRestError } from './errors/error-response';
export { RestExceptionFilter } from './errors/rest-exception.filter';
export { answerError } from './errors/answer-error';
export { replyError } from './errors/reply-error';
export {
  LOG_CODE,
  noteErrorCode,
  notedErrorCodes,
  noteReceipt,
  RATE_LIMIT_LOG_CODES,
  WithLogCode,
} from './errors/logged-error-codes';
export {
  ResourceUrls,
  Relationship,
  ResourceMetadata,
  CollectionMetadata,
} from './resources/resource-urls';
export { encodePathSegment } from './resources/path-segment';
export { linkBaseUrl, LinkOrigins } from './resources/request-base-url';
export { Urls } from './resources/urls.decorator';
export { ZodBodyPipe } from './validation/zod-body.pipe';
export {
  jacksonNumber,
  javaBoolean,
  javaInt,
  javaLong,
  javaShort,
} from './validation/java-integers';
export { nullableField } from './validation/nullable-field';
export { scalarString, scalarText } from './validation/scalar-string';
export { kafkaString, kafkaText, kafkaTextParam } from './validation/kafka-string';
export { javaInstant, javaInstantMs, MAX_DATE_MS } from './validation/java-instant';
export { javaDurationMs } from './validation/java-duration';
export { PathIntPipe } from './validation/path-int.pipe';
export { registerPathIntParams } from './validation/path-int-params.hook';
export { requestBodyStream, replaceRequestBodyStream } from './request-body/body-stream';
export { readGetBodyText } from './request-body/get-body';
export { JsonRecordSplitter } from './request-body/json-record-splitter';
export { firstJsonValue } from './request-body/first-json-value';
export { jsonValueBytes } from './request-body/json-whitespace';
export { v3Paths } from './v3-paths';
export * from './http-policy';
export { ShutdownSignal } from './lifecycle/shutdown-signal';
export {
  ConnectionCount,
  connectionCountOf,
  registerConnectionCount,
} from './server/connection-count';
