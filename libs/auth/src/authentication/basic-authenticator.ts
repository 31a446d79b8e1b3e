import { createHash } from 'node:crypto';
import { verifyCredential } from './credentials';
import type { AuthenticationOptions } from './authentication.options';
import type { Principal } from './principal';

const MAX_CACHED = 10_000;

/** Basic credentials against the API keys, then the password file. */
export class BasicAuthenticator {
  // Digests of credentials -> when the remembered outcome expires; never holds a password. Two
  // maps, so a flood of wrong passwords cannot push out the users who got in.
  private readonly verified = new Map<string, number>();
  private readonly refused = new Map<string, number>();

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

  /**
   * Remembers both outcomes (the files are read once, so a wrong password stays wrong): a
   * client retrying the same bad credentials costs no bcrypt check either.
   */
  private async check(
    id: string,
    password: string,
    verify: (password: string) => Promise<boolean>,
  ): Promise<boolean> {
    const digest = createHash('sha256').update(`${id}\u0000${password}`).digest('base64');
    if (remembered(this.verified, digest)) {
      return true;
    }
    if (remembered(this.refused, digest)) {
      return false;
    }
    const ok = await verify(password);
    if (this.options.cacheTtlMs > 0) {
      remember(ok ? this.verified : this.refused, digest, Date.now() + this.options.cacheTtlMs);
    }
    return ok;
  }
}

function remembered(outcomes: Map<string, number>, digest: string): boolean {
  const expiry = outcomes.get(digest);
  if (expiry !== undefined && expiry > Date.now()) {
    return true;
  }
  outcomes.delete(digest);
  return false;
}

function remember(outcomes: Map<string, number>, digest: string, expiry: number): void {
  if (outcomes.size >= MAX_CACHED) {
    // Maps iterate in insertion order: drop the oldest entry.
    outcomes.delete(outcomes.keys().next().value as string);
  }
  outcomes.set(digest, expiry);
}
