/** OAuth2 client-credentials settings for SASL/OAUTHBEARER (KIP-768's token endpoint). */
export interface OAuthBearerSettings {
  tokenEndpointUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

const REFRESH_BEFORE_EXPIRY_MS = 60_000;

/**
 * Fetches access tokens with the client-credentials grant (RFC 6749 §4.4) and reuses one until
 * shortly before it expires; concurrent connections share one request.
 */
export class OAuthTokenSource {
  private current?: Promise<{ token: string; expiresAt: number }>;

  constructor(private readonly settings: OAuthBearerSettings) {}

  async token(): Promise<string> {
    const cached = await this.current?.catch(() => undefined);
    if (cached === undefined || cached.expiresAt - REFRESH_BEFORE_EXPIRY_MS <= Date.now()) {
      this.current = this.fetchToken();
    }
    return (await this.current!).token;
  }

  private async fetchToken(): Promise<{ token: string; expiresAt: number }> {
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (this.settings.scope !== undefined) {
      body.set('scope', this.settings.scope);
    }
    const basic = Buffer.from(
      `${encodeURIComponent(this.settings.clientId)}:${encodeURIComponent(this.settings.clientSecret)}`,
    ).toString('base64');
    const res = await fetch(this.settings.tokenEndpointUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });
    if (!res.ok) {
      throw new Error(`OAuth token endpoint answered ${res.status}`);
    }
    const json = (await res.json()) as { access_token?: string; expires_in?: number };
    if (typeof json.access_token !== 'string') {
      throw new Error('OAuth token endpoint answered without access_token');
    }
    return { token: json.access_token, expiresAt: Date.now() + (json.expires_in ?? 3600) * 1000 };
  }
}
