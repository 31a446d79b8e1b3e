/**
 * The gateway's HTTP security: listeners (HTTP and HTTPS with optional client certificates),
 * authentication, authorization, admin rate limits and slow-client protection.
 */
export { HttpListeners } from './server/http-listeners';
export {
  ClientAuthentication,
  ListenerAddress,
  ServerOptions,
  ServerTlsOptions,
} from './server/server.options';
export { registerSecurity } from './security';
export { SecurityOptions } from './security.options';
export {
  AuthenticationMethod,
  AuthenticationOptions,
  BearerOptions,
} from './authentication/authentication.options';
export { Principal } from './authentication/principal';
export { readPasswordFile, parsePasswordFile } from './authentication/password-file';
export { readJaasConfig } from './authentication/jaas-config';
export { readApiKeys } from './authentication/api-keys';
export { obfuscate } from './authentication/credentials';
export { AuthorizationRules, Grant } from './authorization/rules';
export { Operation, OPERATIONS, Permission, Resource } from './authorization/permissions';
export { ROUTE_PERMISSIONS, routePermission } from './authorization/route-permissions';
export { RateLimitOptions } from './rate-limit/rate-limit.options';
export { DosFilterOptions } from './rate-limit/dos-filter.options';
