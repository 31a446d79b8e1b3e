import { LinkOrigins } from './resources/request-base-url';

export interface RestOptions {
  /** What links are built from (`advertised.listeners`, `host.name`, `listeners`). */
  links: LinkOrigins;
  /** `confluent.resource.name.authority`; empty gives `crn:///...`. */
  crnAuthority: string;
}

export const REST_OPTIONS = Symbol('REST_OPTIONS');
