import { describe, expect, it } from 'vitest';
import { decodeAuthorizedOperations } from './authorized-operations';

describe(decodeAuthorizedOperations.name, () => {
  it('decodes the bit field Kafka sends for a super user on a topic', () => {
    // 3576 = bits 3,4,5,6,7,8,10,11 (what a 4.1 broker returns for ANONYMOUS as super user)
    expect(decodeAuthorizedOperations(3576)).toEqual([
      'READ',
      'WRITE',
      'CREATE',
      'DELETE',
      'ALTER',
      'DESCRIBE',
      'DESCRIBE_CONFIGS',
      'ALTER_CONFIGS',
    ]);
  });

  it('returns undefined when operations were not requested', () => {
    expect(decodeAuthorizedOperations(-2147483648)).toBeUndefined();
  });
});
