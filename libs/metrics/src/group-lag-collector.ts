import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { GroupAdmin, GroupPartitionOffset, OffsetAdmin, TopicAdmin } from '@gateway/kafka';
import { GatewayMetrics } from './gateway-metrics';
import { METRICS_OPTIONS, MetricsOptions } from './metrics.options';

/**
 * Consumer-group lag as gauges (no REST proxy exports lag), recomputed on a schedule in the
 * background so a scrape only reads numbers, however many partitions there are. Lag is the
 * log end at READ_COMMITTED (last stable offset) minus the committed offset, like the v3 API.
 */
@Injectable()
export class GroupLagCollector implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(GroupLagCollector.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
    private readonly groups: GroupAdmin,
    private readonly offsets: OffsetAdmin,
    private readonly topics: TopicAdmin,
    private readonly metrics: GatewayMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.lagRefreshMs > 0) {
      this.timer = setInterval(() => void this.refresh(), this.options.lagRefreshMs);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One refresh at a time; a slow cluster skips ticks instead of piling them up. */
  refresh(): Promise<void> {
    this.running ??= this.collect()
      .catch((error: unknown) => this.logger.warn(`Lag refresh failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async collect(): Promise<void> {
    const [groups, topics] = await Promise.all([
      this.groups.listConsumerGroups(),
      this.topics.listTopics(),
    ]);
    const existing = new Set(
      topics.flatMap((t) => t.partitions.map((p) => `${t.name}:${p.partitionId}`)),
    );
    const committed = await Promise.all(
      groups.map(async (g) => ({
        group: g.groupId,
        offsets: (await this.groups.committedOffsets(g.groupId)).filter((o) =>
          existing.has(`${o.topic}:${o.partition}`),
        ),
      })),
    );
    const partitions = uniquePartitions(committed.flatMap((c) => c.offsets));
    const logEnd = new Map(
      partitions.length === 0
        ? []
        : (await this.offsets.listOffsets(partitions, 'LATEST', 'READ_COMMITTED')).map((o) => [
            `${o.topic}:${o.partition}`,
            o.offset,
          ]),
    );
    this.metrics.setGroupLags(
      committed.flatMap(({ group, offsets }) =>
        offsets.flatMap((o) => {
          const end = logEnd.get(`${o.topic}:${o.partition}`);
          return end === undefined || end === null
            ? []
            : [{ group, topic: o.topic, partition: o.partition, lag: end - o.offset }];
        }),
      ),
    );
  }
}

function uniquePartitions(offsets: GroupPartitionOffset[]): { topic: string; partition: number }[] {
  const seen = new Map(
    offsets.map((o) => [`${o.topic}:${o.partition}`, { topic: o.topic, partition: o.partition }]),
  );
  return [...seen.values()];
}
