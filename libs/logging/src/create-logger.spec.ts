import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger';

describe(createLogger.name, () => {
  it("redacts a principal's password and bearer token (identity propagation keeps both)", () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    logger.info({ principal: { name: 'alice', password: 'pw', token: 'eyJ.secret.sig' } }, 'x');
    const written = lines.join('');
    expect(written).toContain('"name":"alice"');
    expect(written).not.toContain('eyJ.secret.sig');
    expect(written).not.toContain('"pw"');
  });
});
