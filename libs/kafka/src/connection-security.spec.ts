import { describe, expect, it } from 'vitest';
import { kafkajsSecurity, platformaticSecurity } from './connection-security';

describe('connection security for a caller with a bearer token', () => {
  let token = 'first';
  const security = { bearerToken: () => token };

  it('logs both client libraries in with OAUTHBEARER and the token current at each login', async () => {
    const plt = platformaticSecurity(security).sasl as { mechanism: string; token: () => unknown };
    const kjs = kafkajsSecurity(security).sasl as {
      mechanism: string;
      oauthBearerProvider: () => Promise<{ value: string }>;
    };
    expect(plt.mechanism).toBe('OAUTHBEARER');
    expect(kjs.mechanism).toBe('oauthbearer');
    token = 'refreshed';
    expect(await plt.token()).toBe('refreshed');
    expect(await kjs.oauthBearerProvider()).toEqual({ value: 'refreshed' });
  });

  it('keeps PLAIN/SCRAM for a caller with a password', () => {
    const sasl = { mechanism: 'scram-sha-512' as const, username: 'alice', password: 'pw' };
    expect(platformaticSecurity({ sasl }).sasl).toEqual({
      mechanism: 'SCRAM-SHA-512',
      username: 'alice',
      password: 'pw',
    });
    expect(kafkajsSecurity({ sasl }).sasl).toEqual(sasl);
  });
});
