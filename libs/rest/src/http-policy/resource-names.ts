/**
 * kafka-rest's @ResourceName ids by method and route (prefix `/v3` or `/kafka/v3` stripped),
 * used by `api.endpoints.allowlist` / `blocklist` (CONFLUENT-REST-NOTES.md §1 and §2).
 * Keep in sync with the controllers; a test checks that every registered route has an id.
 */
const V3: Record<string, string> = {
  'GET /clusters': 'api.v3.clusters.list',
  'GET /clusters/:cluster_id': 'api.v3.clusters.get',
  'GET /clusters/:cluster_id/brokers': 'api.v3.brokers.list',
  'GET /clusters/:cluster_id/brokers/:broker_id': 'api.v3.brokers.get',
  'GET /clusters/:cluster_id/brokers/:broker_id/partition-replicas':
    'api.v3.replicas.search-by-broker',
  'GET /clusters/:cluster_id/brokers/-/configs': 'api.v3.brokers-configs.list',
  'GET /clusters/:cluster_id/brokers/:broker_id/configs': 'api.v3.broker-configs.list',
  'POST /clusters/:cluster_id/brokers/:broker_id/configs:alter': 'api.v3.broker-configs.alter',
  'GET /clusters/:cluster_id/brokers/:broker_id/configs/:name': 'api.v3.broker-configs.get',
  'PUT /clusters/:cluster_id/brokers/:broker_id/configs/:name': 'api.v3.broker-configs.update',
  'DELETE /clusters/:cluster_id/brokers/:broker_id/configs/:name': 'api.v3.broker-configs.delete',
  'GET /clusters/:cluster_id/broker-configs': 'api.v3.cluster-configs.list',
  'POST /clusters/:cluster_id/broker-configs:alter': 'api.v3.cluster-configs.alter',
  'GET /clusters/:cluster_id/broker-configs/:name': 'api.v3.cluster-configs.get',
  'PUT /clusters/:cluster_id/broker-configs/:name': 'api.v3.cluster-configs.update',
  'DELETE /clusters/:cluster_id/broker-configs/:name': 'api.v3.cluster-configs.delete',
  'GET /clusters/:cluster_id/topics': 'api.v3.topics.list',
  'POST /clusters/:cluster_id/topics': 'api.v3.topics.create',
  'GET /clusters/:cluster_id/topics/:topic_name': 'api.v3.topics.get',
  'PATCH /clusters/:cluster_id/topics/:topic_name': 'api.v3.topics.partitions',
  'DELETE /clusters/:cluster_id/topics/:topic_name': 'api.v3.topics.delete',
  'GET /clusters/:cluster_id/topics/-/configs': 'api.v3.topic-configs.list',
  'GET /clusters/:cluster_id/topics/-/replicas': 'api.v3.replicas.list',
  'POST /clusters/:cluster_id/topics/-/configs:alter': 'api.v3.topic-configs.alter-multi',
  'GET /clusters/:cluster_id/topics/:topic_name/configs': 'api.v3.topic-configs.list',
  'POST /clusters/:cluster_id/topics/:topic_name/configs:alter': 'api.v3.topic-configs.alter',
  'GET /clusters/:cluster_id/topics/:topic_name/configs/:name': 'api.v3.topic-configs.get',
  'PUT /clusters/:cluster_id/topics/:topic_name/configs/:name': 'api.v3.topic-configs.update',
  'DELETE /clusters/:cluster_id/topics/:topic_name/configs/:name': 'api.v3.topic-configs.delete',
  'GET /clusters/:cluster_id/topics/:topic_name/partitions': 'api.v3.partitions.list',
  'GET /clusters/:cluster_id/topics/:topic_name/partitions/:partition_id': 'api.v3.partitions.get',
  'GET /clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/offset':
    'api.v3.partitions.list.offsets',
  'GET /clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/replicas':
    'api.v3.replicas.list',
  'GET /clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/replicas/:broker_id':
    'api.v3.replicas.get',
  'GET /clusters/:cluster_id/topics/-/partitions/-/reassignment':
    'api.v3.partition-reassignments.list',
  'GET /clusters/:cluster_id/topics/:topic_name/partitions/-/reassignment':
    'api.v3.partition-reassignments.search-by-topic',
  'GET /clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/reassignment':
    'api.v3.partition-reassignments.get',
  'GET /clusters/:cluster_id/consumer-groups': 'api.v3.consumer-groups.list',
  'GET /clusters/:cluster_id/consumer-groups/:consumer_group_id': 'api.v3.consumer-groups.get',
  'GET /clusters/:cluster_id/consumer-groups/:consumer_group_id/consumers': 'api.v3.consumers.list',
  'GET /clusters/:cluster_id/consumer-groups/:consumer_group_id/consumers/:consumer_id':
    'api.v3.consumers.get',
  'GET /clusters/:cluster_id/consumer-groups/:consumer_group_id/consumers/:consumer_id/assignments':
    'api.v3.consumer-assignments.list',
  'GET /clusters/:cluster_id/consumer-groups/:consumer_group_id/consumers/:consumer_id/assignments/:topic_name/partitions/:partition_id':
    'api.v3.consumer-assignments.get',
  'GET /clusters/:cluster_id/consumer-groups/:consumer_group_id/lags': 'api.v3.consumer-lags.list',
  'GET /clusters/:cluster_id/consumer-groups/:consumer_group_id/lags/:topic_name/partitions/:partition_id':
    'api.v3.consumer-lags.get',
  'GET /clusters/:cluster_id/consumer-groups/:consumer_group_id/lag-summary':
    'api.v3.consumer-group-lag-summary.get',
  'GET /clusters/:cluster_id/acls': 'api.v3.acls.list',
  'POST /clusters/:cluster_id/acls': 'api.v3.acls.create',
  'POST /clusters/:cluster_id/acls:batch': 'api.v3.acls.batch-create',
  'DELETE /clusters/:cluster_id/acls': 'api.v3.acls.delete',
  'POST /clusters/:cluster_id/topics/:topic_name/records': 'api.v3.produce.produce-to-topic',
  'POST /clusters/:cluster_id/topics/:topic_name/records:batch':
    'api.v3.batch-produce.produce-to-topic',
};

const V3_PREFIX = /^\/(kafka\/)?v3(?=\/|$)/;

// Resource classes whose class-level @ResourceName is not their methods' first three segments.
const CLASS_EXCEPTIONS: Record<string, string> = {
  'GET /clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/offset':
    'api.v3.partition-offsets.*', // ListPartitionOffsetsAction
  'GET /clusters/:cluster_id/topics/-/replicas': 'api.v3.topic-configs.*', // ListAllReplicasAction
};

/**
 * The class-level @ResourceName of the resource serving a route (`api.v3.acls.*`): what a
 * `.*` entry of an allow/blocklist must equal, as kafka-rest compares them exactly.
 */
export function resourceClassName(method: string, routeUrl: string, name: string): string {
  const path = routeUrl.replace(/::/g, ':').replace(V3_PREFIX, '');
  return CLASS_EXCEPTIONS[`${method} ${path}`] ?? usualClassName(name);
}

/** The class of a method name, as most of kafka-rest's are: `api.v3.acls.list` -> `api.v3.acls.*`. */
function usualClassName(name: string): string {
  return `${name.split('.').slice(0, 3).join('.')}.*`;
}

/** Every method- and class-level name kafka-rest knows (v2 per embedded format). */
export function knownResourceNames(): Set<string> {
  const names = new Set<string>([...Object.values(V3), ...Object.values(CLASS_EXCEPTIONS)]);
  for (const [, , name] of V2) {
    names.add(name);
    if (/binary$/.test(name)) {
      for (const format of ['json', 'avro', 'json-schema', 'protobuf']) {
        names.add(name.replace(/binary$/, format));
      }
    }
  }
  for (const name of [...names]) {
    names.add(usualClassName(name));
  }
  return names;
}

/**
 * The resource name of a route (`routeOptions.url` as Fastify registered it), or undefined for
 * routes outside the Confluent API (health, metrics) and our extensions without an id.
 */
export function resourceName(method: string, routeUrl: string): string | undefined {
  const normalized = routeUrl.replace(/::/g, ':');
  if (V3_PREFIX.test(normalized)) {
    return (
      V3[`${method} ${normalized.replace(V3_PREFIX, '') || '/'}`] ??
      extensionName(method, normalized)
    );
  }
  return v2Name(method, normalized);
}

/** Our extensions get ids in the same scheme, so allow/blocklists cover them too. */
function extensionName(method: string, route: string): string | undefined {
  const path = route.replace(V3_PREFIX, '');
  if (path.startsWith('/clusters/')) {
    const resource = path
      .split('/')
      .filter((s) => s !== '' && !s.startsWith(':') && s !== '-' && s !== 'clusters')
      .join('.')
      .replace(/:/g, '.');
    return `api.v3.ext.${resource}.${method.toLowerCase()}`;
  }
  return undefined;
}

// v2: kafka-rest's method-level ids (ConsumersResource, ProduceToTopicAction and the others).
// Produce and consume ids end with the embedded format; the table holds the binary one.
const V2: [RegExp, string, string][] = [
  [/^\/$/, 'GET', 'api.v2.root.get'],
  [/^\/$/, 'POST', 'api.v2.root.post'],
  [/^\/brokers$/, 'GET', 'api.v2.brokers.list'],
  [/^\/topics$/, 'GET', 'api.v2.topics.list'],
  [/^\/topics\/:[^/]+$/, 'GET', 'api.v2.topics.get'],
  [/^\/topics\/:[^/]+$/, 'POST', 'api.v2.produce-to-topic.binary'],
  [/^\/topics\/:[^/]+\/partitions$/, 'GET', 'api.v2.partitions.list'],
  [/^\/topics\/:[^/]+\/partitions\/:[^/]+$/, 'GET', 'api.v2.partitions.get'],
  [/^\/topics\/:[^/]+\/partitions\/:[^/]+$/, 'POST', 'api.v2.produce-to-partition.binary'],
  [/^\/topics\/:[^/]+\/partitions\/:[^/]+\/offsets$/, 'GET', 'api.v2.partitions.get-offsets'],
  [/^\/consumers\/:[^/]+$/, 'POST', 'api.v2.consumers.create'],
  [/^\/consumers\/:[^/]+\/instances\/:[^/]+$/, 'DELETE', 'api.v2.consumers.delete'],
  [/\/instances\/:[^/]+\/subscription$/, 'POST', 'api.v2.consumers.subscribe'],
  [/\/instances\/:[^/]+\/subscription$/, 'GET', 'api.v2.consumers.get-subscription'],
  [/\/instances\/:[^/]+\/subscription$/, 'DELETE', 'api.v2.consumers.unsubscribe'],
  [/\/instances\/:[^/]+\/records$/, 'GET', 'api.v2.consumers.consume-binary'],
  [/\/instances\/:[^/]+\/offsets$/, 'POST', 'api.v2.consumers.commit-offsets'],
  [/\/instances\/:[^/]+\/offsets$/, 'GET', 'api.v2.consumers.get-committed-offsets'],
  [/\/instances\/:[^/]+\/positions$/, 'POST', 'api.v2.consumers.seek-to-offset'],
  [/\/instances\/:[^/]+\/positions\/beginning$/, 'POST', 'api.v2.consumers.seek-to-beginning'],
  [/\/instances\/:[^/]+\/positions\/end$/, 'POST', 'api.v2.consumers.seek-to-end'],
  [/\/instances\/:[^/]+\/assignments$/, 'POST', 'api.v2.consumers.assign'],
  [/\/instances\/:[^/]+\/assignments$/, 'GET', 'api.v2.consumers.get-assignments'],
];

function v2Name(method: string, route: string): string | undefined {
  return V2.find(([pattern, m]) => m === method && pattern.test(route))?.[2];
}

const EMBEDDED = /application\/vnd\.kafka\.(binary|json|avro|jsonschema|protobuf)\.v2\+json/i;
const ID_FORMATS: Record<string, string> = { jsonschema: 'json-schema' };

/**
 * The id of the method kafka-rest would run for this request: v2 produce and consume have one
 * method per embedded format, chosen by Content-Type (produce) or Accept (consume), binary when
 * none is named. Allow/blocklists and rate-limit costs name these ids.
 */
export function requestResourceName(
  method: string,
  routeUrl: string,
  headers: { accept?: string; 'content-type'?: string },
): string | undefined {
  const name = resourceName(method, routeUrl);
  const header = name?.startsWith('api.v2.consumers.consume-')
    ? headers.accept
    : name?.startsWith('api.v2.produce-to-')
      ? headers['content-type']
      : undefined;
  const format = header === undefined ? undefined : EMBEDDED.exec(header)?.[1].toLowerCase();
  if (name === undefined || format === undefined || format === 'binary') {
    return name;
  }
  return name.replace(/binary$/, ID_FORMATS[format] ?? format);
}

/** Which API a route belongs to: Confluent's v3, its v2, or neither (health, metrics, ...). */
export function apiVersion(routeUrl: string): 'v2' | 'v3' | undefined {
  if (V3_PREFIX.test(routeUrl)) {
    return 'v3';
  }
  const isV2 = routeUrl.startsWith('/consumers') || V2.some(([pattern]) => pattern.test(routeUrl));
  return isV2 ? 'v2' : undefined;
}
