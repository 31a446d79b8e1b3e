interface NestedError {
  apiId?: string;
  errors?: unknown[];
  cause?: unknown;
}

/**
 * The Kafka protocol error names (e.g. NON_EMPTY_GROUP) inside an error thrown by
 * @platformatic/kafka, which wraps them in MultipleErrors and ResponseError layers.
 */
export function protocolErrorNames(error: unknown, depth = 0): Set<string> {
  const names = new Set<string>();
  if (error === null || typeof error !== 'object' || depth > 5) {
    return names;
  }
  const shape = error as NestedError;
  if (typeof shape.apiId === 'string') {
    names.add(shape.apiId);
  }
  for (const inner of [...(shape.errors ?? []), shape.cause]) {
    protocolErrorNames(inner, depth + 1).forEach((n) => names.add(n));
  }
  return names;
}

export function hasProtocolError(error: unknown, ...names: string[]): boolean {
  const found = protocolErrorNames(error);
  return names.some((n) => found.has(n));
}
