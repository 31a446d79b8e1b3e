import { requestResourceName } from './resource-names';

/**
 * kafka-rest's @PerformanceMetric names (CONFLUENT-REST-NOTES.md §7), the `endpoint` label of the
 * HTTP metrics, so dashboards built on Confluent's per-endpoint metrics find the same names.
 * Most v3 names are the resource name without `api.`; these are not.
 */
const V3_PREFIXES: [string, string][] = [
  ['api.v3.broker-configs.', 'v3.brokers.configs.'],
  ['api.v3.brokers-configs.', 'v3.brokers.configs.'],
  ['api.v3.cluster-configs.', 'v3.clusters.configs.'],
  ['api.v3.topic-configs.', 'v3.topics.configs.'],
];

const V3_EXACT: Record<string, string> = {
  'api.v3.replicas.search-by-broker': 'v3.brokers.partition-replicas.list',
  'api.v3.partition-reassignments.list': 'v3.topics-partitions-reassignment.list',
  'api.v3.partition-reassignments.search-by-topic': 'v3.topics.partitions-reassignment.list',
  'api.v3.partition-reassignments.get': 'v3.topics.partitions.reassignment.get',
  // records:batch shares the single produce's metrics.
  'api.v3.batch-produce.produce-to-topic': 'v3.produce.produce-to-topic',
};

// v2 names; `api.v2.partitions.get-offsets` has none upstream (it counts in the global metrics only).
const V2_EXACT: Record<string, string> = {
  'api.v2.root.get': 'root.get+v2',
  'api.v2.root.post': 'root.post+v2',
  'api.v2.brokers.list': 'brokers.list+v2',
  'api.v2.topics.list': 'topics.list+v2',
  'api.v2.topics.get': 'topic.get+v2',
  'api.v2.partitions.list': 'partitions.list+v2',
  'api.v2.partitions.get': 'partition.get+v2',
  'api.v2.consumers.create': 'consumer.create+v2',
  'api.v2.consumers.delete': 'consumer.delete+v2',
  'api.v2.consumers.subscribe': 'consumer.subscribe+v2',
  'api.v2.consumers.get-subscription': 'consumer.subscription+v2',
  'api.v2.consumers.unsubscribe': 'consumer.unsubscribe+v2',
  'api.v2.consumers.commit-offsets': 'consumer.commit-offsets+v2',
  'api.v2.consumers.get-committed-offsets': 'consumer.committed-offsets+v2',
  'api.v2.consumers.seek-to-offset': 'consumer.seek-to-offset+v2',
  'api.v2.consumers.seek-to-beginning': 'consumer.seek-to-beginning+v2',
  'api.v2.consumers.seek-to-end': 'consumer.seek-to-end+v2',
  'api.v2.consumers.assign': 'consumer.assign+v2',
  'api.v2.consumers.get-assignments': 'consumer.assignment+v2',
};

// Per embedded format: the resource name says `json-schema`, the metric `jsonschema`.
const V2_FORMATTED: [RegExp, string][] = [
  [/^api\.v2\.produce-to-topic\.(.+)$/, 'topic.produce-'],
  [/^api\.v2\.produce-to-partition\.(.+)$/, 'partition.produce-'],
  [/^api\.v2\.consumers\.consume-(.+)$/, 'consumer.records.read-'],
];

/** The metric name of a resource name; undefined where kafka-rest has none. */
export function performanceMetricName(resourceName: string): string | undefined {
  if (resourceName.startsWith('api.v3.')) {
    const exact = V3_EXACT[resourceName];
    if (exact !== undefined) {
      return exact;
    }
    const prefix = V3_PREFIXES.find(([from]) => resourceName.startsWith(from));
    return prefix === undefined
      ? resourceName.slice('api.'.length)
      : prefix[1] + resourceName.slice(prefix[0].length);
  }
  const exact = V2_EXACT[resourceName];
  if (exact !== undefined) {
    return exact;
  }
  for (const [pattern, metric] of V2_FORMATTED) {
    const format = pattern.exec(resourceName)?.[1];
    if (format !== undefined) {
      return `${metric}${format.replace('json-schema', 'jsonschema')}+v2`;
    }
  }
  return undefined;
}

// Per method and route: whether the name depends on the request's media type (v2 produce and
// consume), and the name when it does not. A bounded set, so a request costs one lookup.
const byRoute = new Map<string, { fixed: string | undefined; perFormat: boolean }>();

/** The `endpoint` label of a request (`routeUrl`: the route as Fastify registered it). */
export function requestMetricName(
  method: string,
  routeUrl: string,
  headers: { accept?: string; 'content-type'?: string },
): string | undefined {
  const key = `${method} ${routeUrl}`;
  let entry = byRoute.get(key);
  if (entry === undefined) {
    const name = requestResourceName(method, routeUrl, {});
    const perFormat = name !== undefined && V2_FORMATTED.some(([pattern]) => pattern.test(name));
    entry = { fixed: name === undefined ? undefined : performanceMetricName(name), perFormat };
    byRoute.set(key, entry);
  }
  if (!entry.perFormat) {
    return entry.fixed;
  }
  const name = requestResourceName(method, routeUrl, headers);
  return name === undefined ? undefined : performanceMetricName(name);
}
