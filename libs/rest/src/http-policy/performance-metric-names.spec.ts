import { describe, expect, it } from 'vitest';
import { performanceMetricName, requestMetricName } from './performance-metric-names';
import { knownResourceNames } from './resource-names';

describe("kafka-rest's @PerformanceMetric names", () => {
  it('drops `api.` from most v3 names and follows the annotations where they differ', () => {
    const names: Record<string, string> = {
      'api.v3.topics.list': 'v3.topics.list',
      'api.v3.consumer-group-lag-summary.get': 'v3.consumer-group-lag-summary.get',
      'api.v3.acls.batch-create': 'v3.acls.batch-create',
      'api.v3.topic-configs.alter-multi': 'v3.topics.configs.alter-multi',
      'api.v3.broker-configs.update': 'v3.brokers.configs.update',
      'api.v3.brokers-configs.list': 'v3.brokers.configs.list',
      'api.v3.cluster-configs.delete': 'v3.clusters.configs.delete',
      'api.v3.replicas.search-by-broker': 'v3.brokers.partition-replicas.list',
      'api.v3.partition-reassignments.get': 'v3.topics.partitions.reassignment.get',
      'api.v3.batch-produce.produce-to-topic': 'v3.produce.produce-to-topic',
    };
    for (const [resource, metric] of Object.entries(names)) {
      expect(performanceMetricName(resource), resource).toBe(metric);
    }
  });

  it('names v2 methods as kafka-rest, per embedded format, and leaves unnamed what it leaves', () => {
    expect(performanceMetricName('api.v2.topics.get')).toBe('topic.get+v2');
    expect(performanceMetricName('api.v2.consumers.get-assignments')).toBe(
      'consumer.assignment+v2',
    );
    expect(performanceMetricName('api.v2.produce-to-partition.json-schema')).toBe(
      'partition.produce-jsonschema+v2',
    );
    expect(performanceMetricName('api.v2.consumers.consume-avro')).toBe(
      'consumer.records.read-avro+v2',
    );
    expect(performanceMetricName('api.v2.partitions.get-offsets')).toBeUndefined();
  });

  it('gives every method-level resource name a metric name, except the one kafka-rest does not', () => {
    const unnamed = [...knownResourceNames()]
      .filter((name) => !name.endsWith('.*'))
      .filter((name) => performanceMetricName(name) === undefined);
    expect(unnamed).toEqual(['api.v2.partitions.get-offsets']);
  });

  it('picks the v2 format from Content-Type (produce) or Accept (consume), binary by default', () => {
    const records = '/consumers/:group_name/instances/:instance/records';
    expect(
      requestMetricName('GET', records, { accept: 'application/vnd.kafka.protobuf.v2+json' }),
    ).toBe('consumer.records.read-protobuf+v2');
    expect(requestMetricName('GET', records, {})).toBe('consumer.records.read-binary+v2');
    expect(
      requestMetricName('POST', '/topics/:topic_name', {
        'content-type': 'application/vnd.kafka.avro.v2+json',
      }),
    ).toBe('topic.produce-avro+v2');
    expect(requestMetricName('GET', '/v3/clusters/:cluster_id', {})).toBe('v3.clusters.get');
    expect(requestMetricName('GET', '/metrics', {})).toBeUndefined();
  });
});
