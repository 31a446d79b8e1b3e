import { describe, expect, it } from 'vitest';
import { parseJavaVersion } from './java-runtime';

describe(parseJavaVersion.name, () => {
  it('reads the major version of modern and legacy version strings', () => {
    expect(parseJavaVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaVersion('openjdk version "25.0.3" 2026-04-21 LTS')).toBe(25);
    expect(parseJavaVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaVersion('java version "1.8.0_402"')).toBe(8);
  });

  it('returns undefined for output without a version', () => {
    expect(parseJavaVersion('command not found')).toBeUndefined();
  });
});
