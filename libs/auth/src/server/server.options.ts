import type { SecureVersion } from 'node:tls';

/** One `listeners` entry: `http://0.0.0.0:8082` or `https://0.0.0.0:8443`. */
export interface ListenerAddress {
  scheme: 'http' | 'https';
  host: string;
  port: number;
}

/** `ssl.client.authentication`: whether HTTPS clients must present a certificate. */
export type ClientAuthentication = 'NONE' | 'REQUESTED' | 'REQUIRED';

/** PEM material for the HTTPS listeners (already read from disk). */
export interface ServerTlsOptions {
  key: string;
  cert: string;
  passphrase?: string;
  /** CA bundle that client certificates are verified against. */
  ca?: string;
  clientAuthentication: ClientAuthentication;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
}

/** The HTTP servers the gateway listens with, and their protection against slow clients. */
export interface ServerOptions {
  listeners: ListenerAddress[];
  /** Required when a listener is https. */
  tls: ServerTlsOptions | null;
  /** A connection with no traffic in either direction for this long is closed (0: never). */
  idleTimeoutMs: number;
  /** The request line and headers must arrive within this time. */
  headersTimeoutMs: number;
  /** Largest request head (request line and headers) in bytes; larger ones get 431. */
  maxHeaderSize: number;
}
