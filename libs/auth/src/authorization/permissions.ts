/** What a grant allows: read or change metadata, write records, read records. */
export const OPERATIONS = ['admin-read', 'admin-write', 'produce', 'consume'] as const;
export type Operation = (typeof OPERATIONS)[number];

export type Resource =
  { type: 'cluster' } | { type: 'topic'; name: string } | { type: 'group'; name: string };

/** One check a request must pass: the operation on the resource. */
export interface Permission {
  operation: Operation;
  resource: Resource;
}
