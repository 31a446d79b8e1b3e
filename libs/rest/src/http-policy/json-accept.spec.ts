import { describe, expect, it } from 'vitest';
import { acceptsJson } from './json-accept';

describe('acceptsJson', () => {
  it('admits JSON through the type itself, application/* and */*', () => {
    for (const accept of [
      'application/json',
      'application/json; charset=utf-8',
      '*/*',
      'application/*;q=0.5',
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'application/xml, application/json;q=0.1',
      '',
    ]) {
      expect(acceptsJson(accept), accept).toBe(true);
    }
  });

  it('refuses an Accept that admits no JSON, or JSON with q=0', () => {
    for (const accept of [
      'application/xml',
      'text/plain',
      'application/json;q=0',
      'application/vnd.kafka.v2+json',
    ]) {
      expect(acceptsJson(accept), accept).toBe(false);
    }
  });
});
