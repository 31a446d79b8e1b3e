import { OffsetResetPolicy } from '@gateway/kafka';
import { javaDurationMs } from '@gateway/rest';
import { ConsumeErrors } from '../shared/consume-errors';
import { InstanceSettings } from './consumer-instance';
import { CreateConsumerRequest } from './consumers.dto';

// Settings of a v2 create request (kafka-rest's ConsumerInstanceConfig), with Kafka's wording
// for a bad value (422 42204).

// kafka-rest's range for fetch.min.bytes (KafkaRestConfig.PROXY_FETCH_MIN_BYTES_VALIDATOR).
const FETCH_MIN_BYTES_MAX = 10_000_000;
// consumer.request.timeout.ms is a Java int (its schema bounds it; a longer timer would
// overflow Node's).
const JAVA_INT_MAX = 2 ** 31 - 1;

/** The create request's settings kept by the instance, checked before any consumer exists. */
export function instanceSettings(body: CreateConsumerRequest): InstanceSettings {
  const timeout = body['consumer.request.timeout.ms'];
  const minBytes = int(
    'fetch.min.bytes',
    body['fetch.min.bytes'],
    -1,
    -1,
    FETCH_MIN_BYTES_MAX,
    ConsumeErrors.invalidConfigConstraint,
  );
  return {
    requestTimeoutMs:
      timeout === undefined
        ? undefined
        : int('consumer.request.timeout.ms', timeout, 0, 0, JAVA_INT_MAX),
    // -1 (the default) turns it off.
    responseMinBytes: minBytes === -1 ? undefined : minBytes,
  };
}

const BY_DURATION = 'by_duration:';

/**
 * `auto.offset.reset` as the Java consumer of Kafka 4 reads it (AutoOffsetResetStrategy): the
 * exact (lower-case) earliest, latest or none, or by_duration:<ISO-8601 duration>, not negative:
 * the first offset at or after now minus the duration.
 */
export function offsetReset(value: string | undefined): OffsetResetPolicy {
  if (value === undefined) {
    return 'latest';
  }
  if (value === 'earliest' || value === 'latest' || value === 'none') {
    return value;
  }
  const durationMs = value.startsWith(BY_DURATION)
    ? javaDurationMs(value.slice(BY_DURATION.length))
    : undefined;
  if (durationMs !== undefined && durationMs >= 0) {
    return { durationMs };
  }
  // Kafka's ConfigException around its validator's own words.
  throw ConsumeErrors.invalidConfig(
    `Invalid value ${value} for configuration auto.offset.reset: Invalid value \`${value}\` for configuration auto.offset.reset. The value must be either 'earliest', 'latest', 'none' or of the format 'by_duration:<PnDTnHnMn.nS.>'.`,
  );
}

/**
 * `auto.commit.enable`, which kafka-rest hands to the Java consumer as enable.auto.commit: Kafka's
 * ConfigDef reads it (trimmed, any case) and names that property when it cannot.
 */
export function autoCommitEnable(value: string | undefined): boolean {
  if (value === undefined) {
    return true;
  }
  const text = value.trim().toLowerCase();
  if (text !== 'true' && text !== 'false') {
    throw ConsumeErrors.invalidConfig(
      `Invalid value ${value} for configuration enable.auto.commit: Expected value to be either true or false`,
    );
  }
  return text === 'true';
}

/** A range check of an Integer setting (the body schema read it as Jackson does). */
function int(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  outOfRange = ConsumeErrors.invalidConfig,
): number {
  if (value === undefined) {
    return fallback;
  }
  // ConfigDef.Range wording; kafka-rest's own validator (fetch.min.bytes) answers 40001.
  if (value < min) {
    throw outOfRange(
      `Invalid value ${value} for configuration ${name}: Value must be at least ${min}`,
    );
  }
  if (value > max) {
    throw outOfRange(
      `Invalid value ${value} for configuration ${name}: Value must be no more than ${max}`,
    );
  }
  return value;
}
