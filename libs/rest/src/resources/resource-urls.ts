import { encodePathSegment } from './path-segment';

/** A link to another resource: `{"related": "<absolute url>"}`. */
export interface Relationship {
  related: string;
}

export interface ResourceMetadata {
  self: string;
  resource_name?: string;
}

export interface CollectionMetadata {
  self: string;
  next: null;
}

export type PathSegment = string | number;

/**
 * The one place that builds `metadata.self`, `resource_name` (CRN) and `related` links
 * (kafka-rest's UrlFactory + CrnFactory). `baseUrl` already holds scheme, authority and the
 * request's API prefix (`/v3` or `/kafka/v3`).
 */
export class ResourceUrls {
  constructor(
    readonly baseUrl: string,
    private readonly crnAuthority: string,
  ) {}

  /** Empty segments are left out, as kafka-rest's UrlFactory does (an unowned partition's
   * `max_lag_consumer` is `.../consumers`, not `.../consumers/`). */
  url(...segments: PathSegment[]): string {
    let url = this.baseUrl;
    for (const segment of segments) {
      const text = String(segment);
      if (text !== '') {
        url += `/${encodePathSegment(text)}`;
      }
    }
    return url;
  }

  related(...segments: PathSegment[]): Relationship {
    return { related: this.url(...segments) };
  }

  /** `crn://<authority>/kafka=<cluster>/topic=<name>/...` from (type, id) pairs. */
  crn(...pairs: [string, PathSegment][]): string {
    return `crn://${this.crnAuthority}/${pairs.map(([type, id]) => `${type}=${id}`).join('/')}`;
  }

  /** The `kind` + `metadata` envelope of one resource. */
  resource(
    kind: string,
    segments: PathSegment[],
    crnPairs?: [string, PathSegment][],
  ): { kind: string; metadata: ResourceMetadata } {
    const metadata: ResourceMetadata = { self: this.url(...segments) };
    if (crnPairs !== undefined) {
      metadata.resource_name = this.crn(...crnPairs);
    }
    return { kind, metadata };
  }

  /** A list: Confluent always serializes `next`, and it is always null (no pagination). */
  collection<T>(
    kind: string,
    segments: PathSegment[],
    data: T[],
  ): { kind: string; metadata: CollectionMetadata; data: T[] } {
    return { kind, metadata: { self: this.url(...segments), next: null }, data };
  }
}
