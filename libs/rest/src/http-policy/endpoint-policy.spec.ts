import { describe, expect, it } from 'vitest';
import { unknownListEntries } from './endpoint-policy';
import { resourceClassName } from './resource-names';

const policy = (blocklist: string[], allowlist: string[] = []) => ({
  allowlist,
  blocklist,
  v2Enabled: true,
  v3Enabled: true,
});

describe('allow/blocklist names', () => {
  it("gives a route its resource class as kafka-rest's annotations do, exceptions included", () => {
    expect(resourceClassName('GET', '/v3/clusters/:cluster_id/acls', 'api.v3.acls.list')).toBe(
      'api.v3.acls.*',
    );
    const offsets =
      '/kafka/v3/clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/offset';
    expect(resourceClassName('GET', offsets, 'api.v3.partitions.list.offsets')).toBe(
      'api.v3.partition-offsets.*',
    );
    expect(
      resourceClassName('GET', '/consumers/:group_name', 'api.v2.consumers.consume-avro'),
    ).toBe('api.v2.consumers.*');
  });

  it('lists the entries that name no method or class, extensions by the routes registered', () => {
    const extensions = new Set(['api.v3.ext.topics.partitions.records.get']);
    expect(
      unknownListEntries(
        policy(
          [
            'api.v3.*',
            'api.v3.acls.*',
            'api.v2.produce-to-topic.json-schema',
            'api.v3.ext.topics.*',
            'api.v3.ext.topics.partitions.records.get',
            'api.v3.ext.topics',
            'api.v3.ext.acls.*',
          ],
          ['api.v3.topics.lst', 'api.v3.partition-offsets.*'],
        ),
        extensions,
      ),
    ).toEqual(['api.v3.topics.lst', 'api.v3.*', 'api.v3.ext.topics', 'api.v3.ext.acls.*']);
  });
});
