/** Who made a request, once authenticated. */
export interface Principal {
  /** The user name, the API key's owner, the token's principal claim, or the certificate's CN. */
  name: string;
  roles: string[];
  method: 'basic' | 'api-key' | 'bearer' | 'certificate';
  /**
   * The Basic password as given, for identity propagation to Kafka (SASL PLAIN/SCRAM). Kept in
   * memory for the request only; never logged.
   */
  password?: string;
  /**
   * The bearer token as given, for identity propagation to Kafka (SASL/OAUTHBEARER). Kept in
   * memory for the request only; never logged.
   */
  token?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook; undefined when authentication is off or skipped. */
    principal?: import('./principal').Principal;
  }
}
