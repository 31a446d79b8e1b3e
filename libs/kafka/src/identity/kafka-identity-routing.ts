import {
  Inject,
  Injectable,
  INestApplicationContext,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { ModuleRef, NestFactory } from '@nestjs/core';
import { AclAdmin } from '../acls/acl-admin';
import { ClusterAdmin } from '../admin/cluster-admin';
import { TopicAdmin } from '../admin/topic-admin';
import { ConfigAdmin } from '../configs/config-admin';
import { GroupAdmin } from '../groups/group-admin';
import { OffsetAdmin } from '../groups/offset-admin';
import { KAFKA_OPTIONS, KafkaOptions } from '../kafka.options';
import { RecordProducer } from '../producer/record-producer';
import { ReassignmentAdmin } from '../replicas/reassignment-admin';
import { currentKafkaCaller } from './kafka-caller';
import { KafkaClientPool } from './kafka-client-pool';
import { verifyKafkaLogin } from './kafka-login';

/**
 * The interfaces whose calls go to Kafka as the caller: every admin interface (all methods), and
 * the producer (its Kafka methods only: its queues and timers stay with their own instance).
 * Routed methods return Promises. Consumers are not routed: RecordConsumers creates long-lived
 * consumers synchronously, and the consumer clients do not take SASL settings yet.
 */
const PROPAGATED: { token: Token; methods?: string[] }[] = [
  { token: ClusterAdmin },
  { token: TopicAdmin },
  { token: ConfigAdmin },
  { token: AclAdmin },
  { token: ReassignmentAdmin },
  { token: GroupAdmin },
  { token: OffsetAdmin },
  { token: RecordProducer, methods: ['partitionCount', 'produce'] },
];

type Token = abstract new (...args: never[]) => object;
type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Identity propagation for the admin API. When `KafkaOptions.identity` is set, each admin
 * singleton's methods are routed, per call, to the caller's own clients from a KafkaClientPool
 * whenever a caller is set (runAsKafkaCaller); without a caller they run as before, with the
 * gateway's identity. The singletons are routed in place, so every service that injected them
 * is covered without knowing about it.
 */
@Injectable()
export class KafkaIdentityRouting implements OnModuleInit, OnModuleDestroy {
  private pool?: KafkaClientPool;

  constructor(
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    if (this.options.identity === undefined) {
      return;
    }
    const pool = new KafkaClientPool(this.options, this.options.identity, createClientSet);
    this.pool = pool;
    for (const { token, methods } of PROPAGATED) {
      const instance = this.moduleRef.get<object>(token, { strict: false });
      routeThroughCaller(instance, token, methods ?? methodNames(instance), pool);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
  }
}

function routeThroughCaller(
  instance: object,
  token: Token,
  methods: string[],
  pool: KafkaClientPool,
): void {
  const target = instance as Record<string, AnyMethod>;
  for (const name of methods) {
    const original = target[name];
    target[name] = (...args: unknown[]) => {
      const caller = currentKafkaCaller();
      if (caller === undefined) {
        return original.apply(instance, args);
      }
      return pool.forPrincipal(caller).then((clients) => {
        const own = clients.get<object>(token, { strict: false }) as Record<string, AnyMethod>;
        return own[name](...args);
      });
    };
  }
}

function methodNames(instance: object): string[] {
  const names = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(instance) as object | null;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (name !== 'constructor' && typeof descriptor?.value === 'function') {
        names.add(name);
      }
    }
  }
  // Lifecycle hooks (onModuleInit, ...) stay with the singleton.
  return [...names].filter((n) => !/^on[A-Z]/.test(n));
}

/** A principal's clients: the same KafkaModule, in a container of its own. */
async function createClientSet(options: KafkaOptions): Promise<INestApplicationContext> {
  await verifyKafkaLogin(options);
  // Loaded on first use: kafka.module.ts registers this file's provider.
  const { KafkaModule } = await import('../kafka.module');
  return NestFactory.createApplicationContext(
    KafkaModule.forRootAsync({ useFactory: () => options }),
    { logger: false, abortOnError: false },
  );
}
