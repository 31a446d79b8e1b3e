import { AvscType, someType } from './avsc-type';

/** Whether prepareAvroJson can change data of `type`: a field somewhere has aliases or a default. */
export function needsPreparation(type: AvscType): boolean {
  return someType(type, (t) =>
    (t.fields ?? []).some((f) => f.aliases.length > 0 || f.defaultValue() !== undefined),
  );
}

/**
 * Avro JSON data made ready for avsc's coercion where it reads fields otherwise than Avro's Java
 * JsonDecoder: a field may be named by one of its aliases (renamed here), and a missing field
 * with a default gets that default in its JSON form (avsc's own fill hands a `bytes` or `fixed`
 * default to its JSON reader as a Buffer, which that reader refuses). The JsonDecoder refuses a
 * missing field ("Expected field name not found"); the gateway takes its default (README).
 * Returns `value` itself when nothing changes; never changes `value`.
 */
export function prepareAvroJson(type: AvscType, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  switch (type.typeName) {
    case 'record':
    case 'error':
      return Array.isArray(value) ? value : prepareRecord(type, value as Record<string, unknown>);
    case 'array':
      return Array.isArray(value) && type.itemsType !== undefined
        ? prepareAll(value, type.itemsType)
        : value;
    case 'map':
      return type.valuesType === undefined || Array.isArray(value)
        ? value
        : prepareMembers(value as Record<string, unknown>, () => type.valuesType);
    case 'union:wrapped':
      // One member named after the branch: {"string": "x"}.
      return prepareMembers(value as Record<string, unknown>, (branch) =>
        type.types?.find((t) => t.branchName === branch),
      );
    default:
      return value;
  }
}

function prepareRecord(type: AvscType, value: Record<string, unknown>): unknown {
  let out = value;
  const change = (apply: (copy: Record<string, unknown>) => void): void => {
    if (out === value) {
      out = { ...value };
    }
    apply(out);
  };
  for (const field of type.fields ?? []) {
    if (!(field.name in out)) {
      const alias = field.aliases.find((a) => a in out);
      if (alias !== undefined) {
        change((copy) => {
          copy[field.name] = copy[alias];
          delete copy[alias];
        });
      } else if (field.defaultValue() !== undefined) {
        const json = field.type._copy(field.defaultValue(), { coerce: 3 });
        change((copy) => (copy[field.name] = json));
        continue;
      }
    }
    const prepared = prepareAvroJson(field.type, out[field.name]);
    if (prepared !== out[field.name]) {
      change((copy) => (copy[field.name] = prepared));
    }
  }
  return out;
}

function prepareAll(items: unknown[], type: AvscType): unknown[] {
  const prepared = items.map((item) => prepareAvroJson(type, item));
  return prepared.every((item, i) => item === items[i]) ? items : prepared;
}

function prepareMembers(
  value: Record<string, unknown>,
  typeOf: (key: string) => AvscType | undefined,
): unknown {
  let out = value;
  for (const [key, member] of Object.entries(value)) {
    const type = typeOf(key);
    const prepared = type === undefined ? member : prepareAvroJson(type, member);
    if (prepared !== member) {
      if (out === value) {
        out = { ...value };
      }
      out[key] = prepared;
    }
  }
  return out;
}
