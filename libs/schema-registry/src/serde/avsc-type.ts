/** What the gateway reads of an avsc Type beyond encoding and decoding (its schema tree). */
export interface AvscType {
  readonly typeName: string;
  readonly fields?: ReadonlyArray<AvscField>;
  readonly itemsType?: AvscType;
  readonly valuesType?: AvscType;
  readonly types?: readonly AvscType[];
  readonly branchName?: string;
  /** `coerce: 2`: Avro JSON encoding → value; `coerce: 3`: value → Avro JSON encoding. */
  _copy(value: unknown, options: { coerce: 2 | 3 }): unknown;
}

export interface AvscField {
  readonly name: string;
  readonly type: AvscType;
  readonly aliases: readonly string[];
  /** undefined when the field has no default. */
  defaultValue(): unknown;
}

/** Whether `test` holds for `type` or any type within it (a recursive type is visited once). */
export function someType(
  type: AvscType,
  test: (t: AvscType) => boolean,
  seen = new Set<AvscType>(),
): boolean {
  if (test(type)) {
    return true;
  }
  if (seen.has(type)) {
    return false;
  }
  seen.add(type);
  const children = [
    ...(type.fields ?? []).map((f) => f.type),
    ...(type.itemsType === undefined ? [] : [type.itemsType]),
    ...(type.valuesType === undefined ? [] : [type.valuesType]),
    ...(type.types ?? []),
  ];
  return children.some((child) => someType(child, test, seen));
}
