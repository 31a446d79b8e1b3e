/** Kafka protocol error names found anywhere in a @platformatic/kafka error (nested included). */
export function protocolErrorNames(error: unknown, depth = 0): string[] {
  if (error === null || typeof error !== 'object' || depth > 5) {
    return [];
  }
  const shape = error as { apiId?: string; errors?: unknown[]; cause?: unknown };
  return [
    ...(shape.apiId !== undefined ? [shape.apiId] : []),
    ...(shape.errors ?? []).flatMap((e) => protocolErrorNames(e, depth + 1)),
    ...protocolErrorNames(shape.cause, depth + 1),
  ];
}

export function hasProtocolError(error: unknown, ...names: string[]): boolean {
  return protocolErrorNames(error).some((n) => names.includes(n));
}

/** The parsed response a ResponseError carries (partition or member level errors). */
export function responseOf<T>(error: unknown): T | undefined {
  return (error as { response?: T } | null)?.response;
}
