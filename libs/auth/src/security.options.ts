import type { AuthenticationOptions } from './authentication/authentication.options';
import type { AuthorizationRules } from './authorization/rules';
import type { DosFilterOptions } from './rate-limit/dos-filter.options';
import type { RateLimitOptions } from './rate-limit/rate-limit.options';

/** Everything registerSecurity() enforces on the HTTP API. */
export interface SecurityOptions {
  /** null: no authentication (`authentication.method=NONE`). */
  authentication: AuthenticationOptions | null;
  /** null: every authenticated principal may do everything. Needs authentication. */
  authorization: AuthorizationRules | null;
  /** rest-utils' DoS filters (`dos.filter.enabled`); null: off. */
  dosFilter: DosFilterOptions | null;
  /** Admin API rate limits (`rate.limit.enable`); null: off. */
  rateLimit: RateLimitOptions | null;
  /** Admin calls of Basic-authenticated requests go to Kafka with the caller's credentials. */
  propagateIdentity: boolean;
  /** A non-streaming request body must arrive within this time (408). */
  bodyTimeoutMs: number;
  /** Concurrent streaming produce/consume requests (0: no cap); past it, 429. */
  maxConcurrentStreams: number;
}
