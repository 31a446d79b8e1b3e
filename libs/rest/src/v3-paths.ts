/**
 * One route table, two prefixes: standalone REST Proxy serves `/v3`, Confluent Server and
 * Cloud serve `/kafka/v3`. Use as `@Controller(v3Paths('clusters/:cluster_id/topics'))`.
 */
export function v3Paths(path: string): string[] {
  const suffix = path === '' ? '' : `/${path}`;
  return [`v3${suffix}`, `kafka/v3${suffix}`];
}
