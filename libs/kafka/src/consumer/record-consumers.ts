import { Inject, Injectable, Optional } from '@nestjs/common';
import { TopicAdmin } from '../admin/topic-admin';
import { currentKafkaCaller, runAsKafkaCaller } from '../identity/kafka-caller';
import { KafkaIdentityRouting } from '../identity/kafka-identity-routing';
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
    @Optional() private readonly identity?: KafkaIdentityRouting,
  ) {
    super();
  }

  /**
   * With identity propagation, the consumer connects as the current caller for its whole life
   * (a v2 instance keeps the credentials of the request that created it).
   */
  create(options: PollConsumerOptions): PollConsumer {
    const caller = currentKafkaCaller();
    const kafka = this.identity?.optionsFor(caller) ?? this.options;
    const client = new ConsumerClient(kafka, options.clientId, options.groupId);
    // Pattern subscriptions list the topics this caller may see, whoever polls later.
    const listTopics = () => this.topics.listTopics();
    return new KafkaPollConsumer(client, options, async () =>
      (await (caller === undefined ? listTopics() : runAsKafkaCaller(caller, listTopics)))
        .filter((t) => !t.isInternal)
        .map((t) => t.name),
    );
  }
}
