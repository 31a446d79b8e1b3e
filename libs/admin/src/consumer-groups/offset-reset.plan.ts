import { ResetStrategy } from './offset-reset.dto';

/** What is known about one partition before its new offset is chosen. */
export interface ResetInput {
  topic: string;
  partition: number;
  earliest: number;
  latest: number;
  /** The group's committed offset, null when it has none. */
  current: number | null;
  /** The first offset at or after the requested timestamp, null when no record is that new. */
  atTimestamp?: number | null;
}

export interface ResetParameters {
  strategy: ResetStrategy;
  offset?: number;
  shift?: number;
}

/** A partition the request cannot be applied to (SHIFT_BY without a committed offset). */
export class ResetNotApplicable extends Error {}

/**
 * The new offset of one partition, as kafka-consumer-groups.sh --reset-offsets computes it:
 * explicit and shifted offsets are clamped into [earliest, latest], a timestamp with no record
 * at or after it resets to the end of the log.
 */
export function newOffset(input: ResetInput, params: ResetParameters): number {
  switch (params.strategy) {
    case 'EARLIEST':
      return input.earliest;
    case 'LATEST':
      return input.latest;
    case 'TO_OFFSET':
      return clamp(params.offset ?? 0, input);
    case 'TO_TIMESTAMP':
      return input.atTimestamp ?? input.latest;
    case 'SHIFT_BY':
      if (input.current === null) {
        throw new ResetNotApplicable(
          `Partition ${input.partition} of topic '${input.topic}' has no committed offset to shift.`,
        );
      }
      return clamp(input.current + (params.shift ?? 0), input);
  }
}

function clamp(offset: number, input: ResetInput): number {
  return Math.min(Math.max(offset, input.earliest), input.latest);
}
