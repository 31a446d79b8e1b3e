/** A read asked for an offset outside the partition's log (before the start or past the end). */
export class OffsetOutOfRangeError extends Error {
  constructor(
    readonly offset: number,
    readonly earliestOffset: number,
    readonly latestOffset: number,
  ) {
    super(
      `Offset ${offset} is out of range: the partition's log starts at ${earliestOffset} and ends at ${latestOffset} (the next offset to be written).`,
    );
    this.name = 'OffsetOutOfRangeError';
  }
}
