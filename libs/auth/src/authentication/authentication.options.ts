import type { ApiKeyEntry } from './api-keys';
import type { UserEntry } from './password-file';

export type AuthenticationMethod = 'BASIC' | 'BEARER' | 'CERTIFICATE';

/** OAuth2/OIDC access tokens (JWTs) checked against the issuer's published keys. */
export interface BearerOptions {
  jwksUrl: string;
  /** Required `iss`; unset accepts any issuer (not recommended). */
  issuer?: string;
  /** Accepted `aud` values (one must match); empty accepts any audience. */
  audiences: string[];
  /** Claim holding the principal name (`sub`). */
  principalClaim: string;
  /** Dotted path of a claim holding roles (`roles`, `realm_access.roles`, `scope`), if any. */
  rolesClaim?: string;
  clockToleranceSeconds: number;
}

export interface AuthenticationOptions {
  /**
   * `authentication.method`: one or more of BASIC, BEARER and CERTIFICATE (ours: the subject CN
   * of a client certificate the HTTPS listener verified).
   */
  methods: AuthenticationMethod[];
  /** `authentication.realm`: named in WWW-Authenticate. */
  realm: string;
  /**
   * `authentication.roles`: a principal needs one of these roles. `**`, `*` alone or an empty
   * list admit any authenticated principal; `*` beside other roles adds nothing (Jetty).
   */
  roles: string[];
  /** `authentication.skip.paths`: exact paths, or prefixes ending in `/*`. */
  skipPaths: string[];
  /** OPTIONS requests pass unauthenticated (CORS on and `access.control.skip.options`). */
  skipOptions: boolean;
  /** Users of the password file (Basic). */
  users: Map<string, UserEntry>;
  /** API keys (Basic, key as user name). */
  apiKeys: Map<string, ApiKeyEntry>;
  bearer: BearerOptions | null;
  /** How long a Basic check's outcome is remembered, so bcrypt runs once per credentials, not per request. */
  cacheTtlMs: number;
}
