import { createHash } from 'node:crypto';
import { verifyCredential } from './credentials';
import type { AuthenticationOptions } from './authentication.options';
import type { Principal } from './principal';

const MAX_CACHED = 10_000;

/** Basic credentials against the API keys, then the password file. */
export class BasicAuthenticator {
  // Digest of the credentials -> when the successful check expires. Never holds a password.
  private readonly verified = new Map<string, number>();

  constructor(
    private readonly options: Pick<AuthenticationOptions, 'users' | 'apiKeys' | 'cacheTtlMs'>,
  ) {}

  /** The principal, or undefined when the user is unknown or the password wrong. */
  async authenticate(username: string, password: string): Promise<Principal | undefined> {
    const apiKey = this.options.apiKeys.get(username);
    if (apiKey !== undefined) {
      const ok = await this.check(`key\u0000${username}`, password, (p) =>
        verifyCredential(apiKey.secret, p),
      );
      return ok ? { name: apiKey.principal, roles: apiKey.roles, method: 'api-key' } : undefined;
    }
    const user = this.options.users.get(username);
    if (user === undefined) {
      return undefined;
    }
    const ok = await this.check(`user\u0000${username}`, password, (p) =>
      verifyCredential(user.credential, p),
    );
    return ok ? { name: username, roles: user.roles, method: 'basic', password } : undefined;
  }

  private async check(
    id: string,
    password: string,
    verify: (password: string) => Promise<boolean>,
  ): Promise<boolean> {
    const digest = createHash('sha256').update(`${id}\u0000${password}`).digest('base64');
    const expiry = this.verified.get(digest);
    if (expiry !== undefined && expiry > Date.now()) {
      return true;
    }
    this.verified.delete(digest);
    const ok = await verify(password);
    if (ok && this.options.cacheTtlMs > 0) {
      if (this.verified.size >= MAX_CACHED) {
        // Maps iterate in insertion order: drop the oldest entry.
        this.verified.delete(this.verified.keys().next().value as string);
      }
      this.verified.set(digest, Date.now() + this.options.cacheTtlMs);
    }
    return ok;
  }
}
