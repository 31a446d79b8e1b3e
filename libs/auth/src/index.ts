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
