import { describe, expect, it } from 'vitest';
import { parseResponseHeaders } from './response-headers';

describe('parseResponseHeaders', () => {
  it("reads Jetty HeaderFilter's documented example: quoted entries keep their commas", () => {
    expect(
      parseResponseHeaders(
        'set X-Frame-Options: DENY, "add Cache-Control: no-cache, no-store, must-revalidate", setDate Expires: 31540000000, addDate Date-Extra: 0',
      ),
    ).toEqual([
      { action: 'set', name: 'X-Frame-Options', value: 'DENY' },
      { action: 'add', name: 'Cache-Control', value: 'no-cache, no-store, must-revalidate' },
      { action: 'setDate', name: 'Expires', value: '31540000000' },
      { action: 'addDate', name: 'Date-Extra', value: '0' },
    ]);
  });

  it('refuses an unknown action, a missing colon and a date that is not milliseconds', () => {
    for (const config of ['put X: 1', 'set X 1', 'setDate Expires: tomorrow']) {
      expect(() => parseResponseHeaders(config), config).toThrow(/cannot parse/);
    }
  });
});
