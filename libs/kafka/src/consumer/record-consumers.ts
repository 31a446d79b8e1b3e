import { Inject, Injectable } from '@nestjs/common';
import { TopicAdmin } from '../admin/topic-admin';
import { KAFKA_OPTIONS, KafkaOptions } from '../kafka.options';
import { ConsumerClient } from './consumer-client';
import { PollConsumerOptions } from './consumer.types';
import { KafkaPollConsumer } from './kafka-poll-consumer';
import { PollConsumer } from './poll-consumer';

/** Makes poll consumers; each owns its Kafka connections until `close()`. */
export abstract class RecordConsumers {
  abstract create(options: PollConsumerOptions): PollConsumer;
}

@Injectable()
export class KafkaRecordConsumers extends RecordConsumers {
  constructor(
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
    private readonly topics: TopicAdmin,
  ) {
    super();
  }

  create(options: PollConsumerOptions): PollConsumer {
    const client = new ConsumerClient(this.options, options.clientId, options.groupId);
    return new KafkaPollConsumer(client, options, async () =>
      (await this.topics.listTopics()).filter((t) => !t.isInternal).map((t) => t.name),
    );
  }
}
