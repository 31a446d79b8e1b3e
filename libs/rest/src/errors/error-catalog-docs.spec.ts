import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes';

/** The README's error table, as "status:code" pairs (a cell may list codes split by " / "). */
function documentedCodes(): Set<string> {
  const readme = readFileSync(resolve(__dirname, '../../../../README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('### Errors'), readme.indexOf('## Development'));
  const pairs = [...table.matchAll(/^\| (\d{3}) \| ([\d /]+) \|/gm)].flatMap(([, status, codes]) =>
    codes.split('/').map((code) => `${status}:${code.trim()}`),
  );
  return new Set(pairs);
}

describe('the error catalog', () => {
  it('is documented entry by entry in the README error table', () => {
    const documented = documentedCodes();
    const missing = Object.entries(ERROR_CODES)
      .filter(([, e]) => !documented.has(`${e.status}:${e.errorCode}`))
      .map(([name, e]) => `${name} ${e.status}/${e.errorCode}`);
    expect(missing).toEqual([]);
  });
});
