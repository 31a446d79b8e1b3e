import { ACL_OPERATIONS } from '../acls/acl.types';

// Bit N of an authorized-operations field means AclOperation code N is allowed; codes 0 and 1
// (UNKNOWN, ANY) are filter values and never granted.
const FIRST_GRANTABLE_CODE = 2;

/** Decodes the protocol bit field; -2147483648 (INT32_MIN) means "not requested". */
export function decodeAuthorizedOperations(bits: number): string[] | undefined {
  if (bits === -2147483648) {
    return undefined;
  }
  return ACL_OPERATIONS.filter(
    (_name, code) => code >= FIRST_GRANTABLE_CODE && (bits & (1 << code)) !== 0,
  );
}
