import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { expect } from 'vitest';
import { uniqueName } from './unique-names';

export interface NewTopicOptions {
  partitions?: number;
  prefix?: string;
  configs?: Record<string, string>;
}

/** Helpers that return what they made, so tests read as "given a topic with 3 partitions". */
export class TestContext {
  private cachedClusterId?: string;

  constructor(readonly app: NestFastifyApplication) {}

  async clusterId(): Promise<string> {
    if (this.cachedClusterId === undefined) {
      const res = await this.app.inject({ method: 'GET', url: '/v3/clusters' });
      expect(res.statusCode).toBe(200);
      this.cachedClusterId = res.json<{ data: { cluster_id: string }[] }>().data[0].cluster_id;
    }
    return this.cachedClusterId;
  }

  async newTopic(options: NewTopicOptions = {}): Promise<{ topic: string; clusterId: string }> {
    const clusterId = await this.clusterId();
    const topic = uniqueName(options.prefix ?? 'topic');
    const res = await this.app.inject({
      method: 'POST',
      url: `/v3/clusters/${clusterId}/topics`,
      payload: {
        topic_name: topic,
        partitions_count: options.partitions ?? 1,
        replication_factor: 1,
        configs: Object.entries(options.configs ?? {}).map(([name, value]) => ({ name, value })),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { topic, clusterId };
  }
}
