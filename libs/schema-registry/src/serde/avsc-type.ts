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
