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

  /** Confluent's SR answers 40301 for authorization failures; 401/403 are auth failures too. */
  get isAuthError(): boolean {
    return this.status === 401 || this.status === 403 || this.registryCode === 40301;
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
