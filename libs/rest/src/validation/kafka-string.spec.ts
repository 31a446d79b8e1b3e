import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KAFKA_STRING_MAX_BYTES, kafkaString, kafkaText } from './kafka-string';

describe('kafkaString', () => {
  it("takes text up to Kafka's 32767 UTF-8 bytes, scalars as their text", () => {
    expect(kafkaString().parse('a'.repeat(KAFKA_STRING_MAX_BYTES))).toHaveLength(32_767);
    expect(kafkaString().parse(1000)).toBe('1000');
  });

  it('counts bytes, not characters', () => {
    const euros = '€'.repeat(Math.floor(KAFKA_STRING_MAX_BYTES / 3) + 1); // 3 bytes each
    expect(kafkaString().safeParse(euros).success).toBe(false);
    expect(kafkaString().safeParse('a'.repeat(KAFKA_STRING_MAX_BYTES + 1)).success).toBe(false);
  });

  it('keeps the refinement it is given', () => {
    expect(kafkaText(z.string().min(1)).safeParse('').success).toBe(false);
    expect(kafkaString(z.string().min(1)).safeParse('t').success).toBe(true);
  });
});
