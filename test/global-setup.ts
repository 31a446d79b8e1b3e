import type { TestProject } from 'vitest/node';
import { LocalKafkaCluster } from '@gateway/local-broker';
import { LocalSchemaRegistry } from '@gateway/local-registry';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBootstrap: string;
    schemaRegistryUrl: string;
  }
}

let cluster: LocalKafkaCluster | undefined;
let registry: LocalSchemaRegistry | undefined;

/** One broker per run: reuse KAFKA_BOOTSTRAP_SERVERS if given, otherwise start a local one. */
export async function setup(project: TestProject): Promise<void> {
  // Started alongside the broker, so the registry's JVM start overlaps Kafka's.
  const schemaRegistryUrl = startSchemaRegistry();
  schemaRegistryUrl.catch(() => undefined);
  let bootstrap = process.env.KAFKA_BOOTSTRAP_SERVERS;
  if (bootstrap === undefined || bootstrap === '') {
    cluster = await LocalKafkaCluster.start({ log: (line) => console.log(line) });
    bootstrap = cluster.bootstrapServers;
  }
  project.provide('kafkaBootstrap', bootstrap);
  project.provide('schemaRegistryUrl', await schemaRegistryUrl);
}

/** One schema registry per run: SCHEMA_REGISTRY_URL if given, otherwise a local Apicurio. */
async function startSchemaRegistry(): Promise<string> {
  const url = process.env.SCHEMA_REGISTRY_URL;
  if (url !== undefined && url !== '') {
    return url;
  }
  registry = await LocalSchemaRegistry.start({ log: (line) => console.log(line) });
  return registry.url;
}

export async function teardown(): Promise<void> {
  await Promise.all([cluster?.stop(), registry?.stop()]);
}
