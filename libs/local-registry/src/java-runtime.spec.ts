import { describe, expect, it } from 'vitest';
import { MissingToolError } from '@gateway/local-broker';
import { findJava, parseJavaVersion } from './java-runtime';

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

describe(findJava.name, () => {
  it('fails fast with one actionable line when no Java 21+ exists', () => {
    const find = () => findJava({ PATH: '/nonexistent' }, '/nonexistent');
    expect(find).toThrow(MissingToolError);
    expect(find).toThrow(
      /^The local schema registry \(Apicurio Registry\) needs Java 21\+.*SCHEMA_REGISTRY_URL/,
    );
    try {
      find();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
