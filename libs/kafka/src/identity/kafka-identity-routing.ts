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
import { PartitionReader } from '../consumer/partition-reader';
import { GroupAdmin } from '../groups/group-admin';
import { OffsetAdmin } from '../groups/offset-admin';
import { KAFKA_OPTIONS, KafkaOptions } from '../kafka.options';
import { RecordProducer } from '../producer/record-producer';
import { ReassignmentAdmin } from '../replicas/reassignment-admin';
import { currentKafkaCaller, KafkaCallerCredentials } from './kafka-caller';
import { KafkaClientPool } from './kafka-client-pool';
import { verifyKafkaLogin } from './kafka-login';

/**
 * The interfaces whose calls go to Kafka as the caller: every admin interface (all methods), the
 * producer (its Kafka methods only: its queues and timers stay with their own instance) and
 * stateless partition reads. Routed methods return Promises. RecordConsumers is not routed: its
 * consumers outlive the request, so it asks `optionsFor` for the caller's options instead.
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
  { token: PartitionReader, methods: ['read'] },
];

type Token = abstract new (...args: never[]) => object;
type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Identity propagation for the admin, produce and consume APIs. When `KafkaOptions.identity` is set, each admin
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

  /**
   * The options a client made now connects with: the caller's (the current one unless given)
   * when identity propagation is on and there is a caller, else the gateway's own.
   */
  optionsFor(caller: KafkaCallerCredentials | undefined = currentKafkaCaller()): KafkaOptions {
    return caller === undefined || this.pool === undefined
      ? this.options
      : this.pool.optionsFor(caller);
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
