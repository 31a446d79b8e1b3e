/** The registry answered with an HTTP error (body `{error_code, message}` when it is Confluent's). */
export class RegistryHttpError extends Error {
  constructor(
    readonly status: number,
    readonly registryCode: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryHttpError';
  }

  /**
   * kafka-rest's SchemaManagerImpl answers 403 only for a RestClientException whose error_code is
   * 40301, whatever the HTTP status; a registry 401 (40101) or a 403 with another code is 42207.
   */
  get isAuthError(): boolean {
    return this.registryCode === 40301;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/** No registry URL answered (connection refused, DNS, TLS handshake or timeout). */
export class RegistryUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryUnreachableError';
  }
}
