export interface RestOptions {
  /** `advertised.listeners`: absolute URLs used in links instead of the request's Host. */
  advertisedUrls: string[];
  /** `confluent.resource.name.authority`; empty gives `crn:///...`. */
  crnAuthority: string;
}

export const REST_OPTIONS = Symbol('REST_OPTIONS');
