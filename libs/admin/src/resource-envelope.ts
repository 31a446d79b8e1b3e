import { CollectionMetadata, Relationship, ResourceMetadata } from '@gateway/rest';

export { Relationship };

/** `kind` + `metadata` of every single v3 resource. */
export interface ResourceEnvelope {
  kind: string;
  metadata: ResourceMetadata;
}

export interface ResourceCollection<T> {
  kind: string;
  metadata: CollectionMetadata;
  data: T[];
}
