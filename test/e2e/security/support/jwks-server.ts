import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWTPayload, SignJWT, CryptoKey } from 'jose';

/** A tiny OIDC-style key server on loopback, and tokens signed with its key (or a stranger's). */
export class JwksServer {
  private constructor(
    private readonly server: Server,
    private readonly key: CryptoKey,
    private readonly strangerKey: CryptoKey,
    readonly url: string,
  ) {}

  static async start(): Promise<JwksServer> {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const stranger = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
    const server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new JwksServer(
      server,
      privateKey,
      stranger.privateKey,
      `http://127.0.0.1:${port}/.well-known/jwks.json`,
    );
  }

  /**
   * A token signed by the published key; claims and expiry may be overridden, and `exp` or
   * `iat` left out (`expiresIn: null`, `issuedAt: false`).
   */
  sign(
    claims: JWTPayload,
    options: {
      expiresIn?: string | number | null;
      issuedAt?: false;
      signedByStranger?: boolean;
    } = {},
  ): Promise<string> {
    const token = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'test-key' });
    if (options.issuedAt !== false) {
      token.setIssuedAt();
    }
    if (options.expiresIn !== null) {
      token.setExpirationTime(options.expiresIn ?? '5m');
    }
    return token.sign(options.signedByStranger === true ? this.strangerKey : this.key);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
