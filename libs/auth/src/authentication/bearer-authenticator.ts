import { createRemoteJWKSet, errors, jwtVerify, JWTPayload } from 'jose';
import { RestError } from '@gateway/rest';
import type { BearerOptions } from './authentication.options';
import type { Principal } from './principal';

/**
 * Verifies OAuth2/OIDC JWT access tokens: signature by the JWKS, expiry, issuer and audience.
 * `exp` and `iat` must be present, as Kafka's own validator (BrokerJwtValidator) and RFC 9068
 * require: a token without an expiry would be good forever.
 */
export class BearerAuthenticator {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: BearerOptions) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl));
  }

  /** The principal, or undefined for a token that is invalid, expired or not for us. */
  async authenticate(token: string): Promise<Principal | undefined> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audiences.length > 0 ? this.options.audiences : undefined,
        clockTolerance: this.options.clockToleranceSeconds,
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      if (keysUnavailable(error)) {
        // Not the caller's fault, and a 401 would make clients drop a valid token.
        throw new RestError('AUTHENTICATION_UNAVAILABLE');
      }
      if (error instanceof errors.JOSEError) {
        return undefined;
      }
      throw error;
    }
    const name = payload[this.options.principalClaim];
    if (typeof name !== 'string' || name === '') {
      return undefined;
    }
    return { name, roles: this.roles(payload), method: 'bearer', token };
  }

  private roles(payload: JWTPayload): string[] {
    const path = this.options.rolesClaim;
    if (path === undefined) {
      return [];
    }
    let value: unknown = payload;
    for (const part of path.split('.')) {
      value =
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[part]
          : undefined;
    }
    if (typeof value === 'string') {
      // OAuth's `scope` claim is one space-separated string.
      return value.split(' ').filter((s) => s !== '');
    }
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }
}

/**
 * The JWKS could not be fetched: no answer (fetch's TypeError), a timeout, or an answer other than
 * 200 with JSON. jose reports the last as a generic JOSEError, told apart by its message.
 */
function keysUnavailable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) {
    return error instanceof TypeError;
  }
  return (
    error instanceof errors.JWKSTimeout || /JSON Web Key Set HTTP response/.test(error.message)
  );
}
