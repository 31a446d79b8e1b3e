import { describe, expect, it } from 'vitest';
import { freePorts } from './free-port';

describe('freePorts', () => {
  it('gives different ports in one call', async () => {
    const ports = await freePorts(20);
    expect(new Set(ports).size).toBe(20);
    expect(ports.every((p) => p > 0 && p < 65536)).toBe(true);
  });
});
