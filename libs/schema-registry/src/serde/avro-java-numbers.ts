import { AvscType, someType } from './avsc-type';
import { markJavaNumber, markMembers } from './jackson-doubles';

/** Whether a value of `type` can hold a float or a double anywhere. */
export function holdsFloatingPoint(type: AvscType): boolean {
  return someType(type, (t) => t.typeName === 'float' || t.typeName === 'double');
}

/**
 * Avro's JSON encoding of `holder[key]` (a `type`) as kafka-rest answers it: Avro's JsonEncoder
 * prints floats and doubles with Java's Float/Double.toString and Jackson reads them back as
 * doubles, so 23.4f is 23.4 and 100.0 is written 100.0 (jackson-doubles.ts).
 */
export function markAvroJavaNumbers(type: AvscType, holder: object, key: string): void {
  const value = (holder as Record<string, unknown>)[key];
  const name = type.typeName;
  if (name === 'float' || name === 'double') {
    markJavaNumber(holder, key, name);
    return;
  }
  if (typeof value !== 'object' || value === null) {
    return;
  }
  const members = value as Record<string, unknown>;
  if (name === 'record' || name === 'error') {
    for (const field of type.fields ?? []) {
      markAvroJavaNumbers(field.type, members, field.name);
    }
  } else if (name === 'array' && type.itemsType !== undefined) {
    for (let i = 0; i < (value as unknown[]).length; i++) {
      markAvroJavaNumbers(type.itemsType, members, String(i));
    }
  } else if (name === 'map' && type.valuesType !== undefined) {
    for (const member of Object.keys(members)) {
      markAvroJavaNumbers(type.valuesType, members, member);
    }
  } else if (name === 'union:wrapped') {
    // Avro JSON wraps a union's non-null value in an object named after its branch.
    const [branch] = Object.keys(members);
    const branchType = type.types?.find((t) => t.branchName === branch);
    if (branchType !== undefined) {
      markAvroJavaNumbers(branchType, members, branch);
    }
  } else {
    return;
  }
  markMembers(value);
}
