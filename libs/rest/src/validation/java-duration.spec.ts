import { describe, expect, it } from 'vitest';
import { javaDurationMs } from './java-duration';

describe(javaDurationMs.name, () => {
  it('reads what Duration.parse reads', () => {
    expect(javaDurationMs('PT1H')).toBe(3_600_000);
    expect(javaDurationMs('P2D')).toBe(172_800_000);
    expect(javaDurationMs('pt1m30.5s')).toBe(90_500);
    expect(javaDurationMs('P1DT-1H')).toBe(82_800_000);
    expect(javaDurationMs('-PT1S')).toBe(-1000);
    expect(javaDurationMs('PT-0.5S')).toBe(-500);
    expect(javaDurationMs('PT0,000001S')).toBe(0.001);
  });

  it.each([
    '',
    'P',
    'PT',
    'P1DT',
    'PT1',
    '1H',
    'PT1.5H',
    'P1W',
    'PT0.1234567891S',
    `PT${'9'.repeat(30)}S`,
  ])('refuses %j, as Duration.parse throws', (text) => {
    expect(javaDurationMs(text)).toBeUndefined();
  });
});
