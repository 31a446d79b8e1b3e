// Kafka's AclOperation codes; bit N of an authorized-operations field means code N is allowed.
const ACL_OPERATIONS: Record<number, string> = {
  2: 'ALL',
  3: 'READ',
  4: 'WRITE',
  5: 'CREATE',
  6: 'DELETE',
  7: 'ALTER',
  8: 'DESCRIBE',
  9: 'CLUSTER_ACTION',
  10: 'DESCRIBE_CONFIGS',
  11: 'ALTER_CONFIGS',
  12: 'IDEMPOTENT_WRITE',
  13: 'CREATE_TOKENS',
  14: 'DESCRIBE_TOKENS',
};

/** Decodes the protocol bit field; -2147483648 (INT32_MIN) means "not requested". */
export function decodeAuthorizedOperations(bits: number): string[] | undefined {
  if (bits === -2147483648) {
    return undefined;
  }
  return Object.entries(ACL_OPERATIONS)
    .filter(([code]) => (bits & (1 << Number(code))) !== 0)
    .map(([, name]) => name);
}
