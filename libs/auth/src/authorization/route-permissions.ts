import type { FastifyRequest } from 'fastify';
import { resourceName, scalarText } from '@gateway/rest';
import type { Operation, Permission, Resource } from './permissions';

/**
 * Where a route's resource comes from: the cluster, the `:topic_name` parameter (the cluster
 * for routes without one, such as `topics/-/configs`), the consumer group parameter, topics
 * named in the body (v3 topic creation, v2 subscriptions, assignments, positions and offsets),
 * or the topic and the `group_id` query parameter (a stream that joins and commits as a group).
 */
type On = 'cluster' | 'topic' | 'group' | 'body-topic' | 'group+body-topics' | 'topic+query-group';

/**
 * Every route's required permission, by its Confluent resource name (resource-names.ts in
 * @gateway/rest). Keep in sync with the controllers: the route-enumeration e2e test fails for a
 * route missing here, and such a route needs admin-write on the cluster meanwhile.
 */
export const ROUTE_PERMISSIONS: Record<string, [Operation, On]> = {
  // v3 cluster-wide metadata and settings
  'api.v3.clusters.list': ['admin-read', 'cluster'],
  'api.v3.clusters.get': ['admin-read', 'cluster'],
  'api.v3.brokers.list': ['admin-read', 'cluster'],
  'api.v3.brokers.get': ['admin-read', 'cluster'],
  'api.v3.replicas.search-by-broker': ['admin-read', 'cluster'],
  'api.v3.brokers-configs.list': ['admin-read', 'cluster'],
  'api.v3.broker-configs.list': ['admin-read', 'cluster'],
  'api.v3.broker-configs.get': ['admin-read', 'cluster'],
  'api.v3.broker-configs.alter': ['admin-write', 'cluster'],
  'api.v3.broker-configs.update': ['admin-write', 'cluster'],
  'api.v3.broker-configs.delete': ['admin-write', 'cluster'],
  'api.v3.cluster-configs.list': ['admin-read', 'cluster'],
  'api.v3.cluster-configs.get': ['admin-read', 'cluster'],
  'api.v3.cluster-configs.alter': ['admin-write', 'cluster'],
  'api.v3.cluster-configs.update': ['admin-write', 'cluster'],
  'api.v3.cluster-configs.delete': ['admin-write', 'cluster'],
  'api.v3.acls.list': ['admin-read', 'cluster'],
  'api.v3.acls.create': ['admin-write', 'cluster'],
  'api.v3.acls.batch-create': ['admin-write', 'cluster'],
  'api.v3.acls.delete': ['admin-write', 'cluster'],
  'api.v3.partition-reassignments.list': ['admin-read', 'cluster'],
  // v3 topics
  'api.v3.topics.list': ['admin-read', 'cluster'],
  'api.v3.topics.create': ['admin-write', 'body-topic'],
  'api.v3.topics.get': ['admin-read', 'topic'],
  'api.v3.topics.partitions': ['admin-write', 'topic'],
  'api.v3.topics.delete': ['admin-write', 'topic'],
  'api.v3.topic-configs.list': ['admin-read', 'topic'],
  'api.v3.topic-configs.get': ['admin-read', 'topic'],
  'api.v3.topic-configs.alter': ['admin-write', 'topic'],
  'api.v3.topic-configs.update': ['admin-write', 'topic'],
  'api.v3.topic-configs.delete': ['admin-write', 'topic'],
  'api.v3.topic-configs.alter-multi': ['admin-write', 'cluster'],
  'api.v3.partitions.list': ['admin-read', 'topic'],
  'api.v3.partitions.get': ['admin-read', 'topic'],
  'api.v3.partitions.list.offsets': ['admin-read', 'topic'],
  'api.v3.replicas.list': ['admin-read', 'topic'],
  'api.v3.replicas.get': ['admin-read', 'topic'],
  'api.v3.partition-reassignments.search-by-topic': ['admin-read', 'topic'],
  'api.v3.partition-reassignments.get': ['admin-read', 'topic'],
  'api.v3.ext.topics.records.delete.post': ['admin-write', 'topic'],
  // v3 consumer groups
  'api.v3.consumer-groups.list': ['admin-read', 'cluster'],
  'api.v3.consumer-groups.get': ['admin-read', 'group'],
  'api.v3.consumers.list': ['admin-read', 'group'],
  'api.v3.consumers.get': ['admin-read', 'group'],
  'api.v3.consumer-assignments.list': ['admin-read', 'group'],
  'api.v3.consumer-assignments.get': ['admin-read', 'group'],
  'api.v3.consumer-lags.list': ['admin-read', 'group'],
  'api.v3.consumer-lags.get': ['admin-read', 'group'],
  'api.v3.consumer-group-lag-summary.get': ['admin-read', 'group'],
  'api.v3.ext.consumer-groups.delete': ['admin-write', 'group'],
  'api.v3.ext.consumer-groups.offsets.reset.post': ['admin-write', 'group'],
  // v3 records
  'api.v3.produce.produce-to-topic': ['produce', 'topic'],
  'api.v3.batch-produce.produce-to-topic': ['produce', 'topic'],
  'api.v3.ext.topics.partitions.records.get': ['consume', 'topic'],
  'api.v3.ext.topics.records.stream.get': ['consume', 'topic+query-group'],
  // v2
  'api.v2.root.get': ['admin-read', 'cluster'],
  'api.v2.root.post': ['admin-read', 'cluster'],
  'api.v2.brokers.list': ['admin-read', 'cluster'],
  'api.v2.topics.list': ['admin-read', 'cluster'],
  'api.v2.topics.get': ['admin-read', 'topic'],
  'api.v2.partitions.list': ['admin-read', 'topic'],
  'api.v2.partitions.get': ['admin-read', 'topic'],
  'api.v2.partitions.get-offsets': ['admin-read', 'topic'],
  'api.v2.produce-to-topic.binary': ['produce', 'topic'],
  'api.v2.produce-to-partition.binary': ['produce', 'topic'],
  'api.v2.consumers.create': ['consume', 'group'],
  'api.v2.consumers.delete': ['consume', 'group'],
  'api.v2.consumers.subscribe': ['consume', 'group+body-topics'],
  'api.v2.consumers.get-subscription': ['consume', 'group'],
  'api.v2.consumers.unsubscribe': ['consume', 'group'],
  'api.v2.consumers.assign': ['consume', 'group+body-topics'],
  'api.v2.consumers.get-assignments': ['consume', 'group'],
  'api.v2.consumers.seek-to-offset': ['consume', 'group+body-topics'],
  'api.v2.consumers.seek-to-beginning': ['consume', 'group+body-topics'],
  'api.v2.consumers.seek-to-end': ['consume', 'group+body-topics'],
  'api.v2.consumers.consume-binary': ['consume', 'group'],
  'api.v2.consumers.commit-offsets': ['consume', 'group+body-topics'],
  'api.v2.consumers.get-committed-offsets': ['consume', 'group+body-topics'],
};

/** Routes outside the Confluent API (metrics, health when not skipped) read cluster state. */
const OTHER_ROUTE: [Operation, On] = ['admin-read', 'cluster'];
/** A route nobody classified: only cluster administrators may call it. */
const UNCLASSIFIED: [Operation, On] = ['admin-write', 'cluster'];

/** The route's entry, or undefined when the route is missing from the table. */
export function routePermission(method: string, routeUrl: string): [Operation, On] | undefined {
  const name = resourceName(method, routeUrl);
  return name === undefined ? OTHER_ROUTE : ROUTE_PERMISSIONS[name];
}

/** The route's entry for this request (HEAD: the GET handler answers it, same permission). */
function entryOf(request: FastifyRequest): [Operation, On] {
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  return routePermission(method, request.routeOptions.url ?? '') ?? UNCLASSIFIED;
}

/** Whether the route's permission depends on topics named in the body. */
export function readsBodyTopics(request: FastifyRequest): boolean {
  const [, on] = entryOf(request);
  return on === 'body-topic' || on === 'group+body-topics';
}

/** The permissions a request with `body` (its parsed body) needs, all of which must be granted. */
export function requiredPermissions(
  request: FastifyRequest,
  body: unknown = request.body,
): Permission[] {
  const [operation, on] = entryOf(request);
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const group = params.consumer_group_id ?? params.group_name;
  const resources: Resource[] = [];
  switch (on) {
    case 'cluster':
      resources.push({ type: 'cluster' });
      break;
    case 'topic':
      resources.push(
        params.topic_name !== undefined
          ? { type: 'topic', name: params.topic_name }
          : { type: 'cluster' },
      );
      break;
    case 'group':
      resources.push(group !== undefined ? { type: 'group', name: group } : { type: 'cluster' });
      break;
    case 'body-topic':
      resources.push(...bodyTopics(body, 'topic_name'));
      break;
    case 'group+body-topics':
      resources.push({ type: 'group', name: group ?? '' }, ...bodyTopics(body));
      break;
    case 'topic+query-group':
      resources.push({ type: 'topic', name: params.topic_name ?? '' }, ...queryGroups(request));
      break;
  }
  return resources.map((resource) => ({ operation, resource }));
}

/** The groups a `group_id` query parameter names (each one, when it is repeated). */
function queryGroups(request: FastifyRequest): Resource[] {
  const value = ((request.query ?? {}) as Record<string, unknown>).group_id;
  const names = (Array.isArray(value) ? value : [value]).filter(
    (name): name is string => typeof name === 'string' && name !== '',
  );
  return names.map((name) => ({ type: 'group', name }));
}

/**
 * Topics a body names: `topic_name` (v3 create), `topics` (v2 subscribe), `partitions[].topic`,
 * `offsets[].topic` and `timestamps[].topic` (v2). A v2 `topic_pattern` may reach any topic, so
 * it needs the cluster, and so does a create without a `topic_name` (validation rejects it
 * afterwards anyway).
 */
function bodyTopics(body: unknown, field?: 'topic_name'): Resource[] {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  // A number or boolean names a topic by its text, as the body's validation reads it.
  if (field !== undefined) {
    const name = scalarText(b[field]);
    return [name !== undefined ? { type: 'topic', name } : { type: 'cluster' }];
  }
  const names = new Set<string>();
  const add = (value: unknown) => {
    const name = scalarText(value);
    if (name !== undefined) {
      names.add(name);
    }
  };
  (Array.isArray(b.topics) ? b.topics : []).forEach(add);
  for (const list of [b.partitions, b.offsets, b.timestamps]) {
    (Array.isArray(list) ? list : []).forEach((entry: unknown) =>
      add((entry as Record<string, unknown> | null)?.topic),
    );
  }
  const resources: Resource[] = [...names].map((name) => ({ type: 'topic', name }));
  if (b.topic_pattern !== undefined) {
    resources.push({ type: 'cluster' });
  }
  return resources;
}
