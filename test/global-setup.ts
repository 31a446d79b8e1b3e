import type { TestProject } from 'vitest/node';
import { LocalKafkaCluster } from '@gateway/local-broker';
import { LocalSchemaRegistry } from '@gateway/local-registry';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBootstrap: string;
    /** '' when no registry could be started; schemaRegistryError then says why. */
    schemaRegistryUrl: string;
    schemaRegistryError: string;
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
  // A registry that cannot start (e.g. no Java 21) fails only the tests that need it.
  const registryUrl = await schemaRegistryUrl.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`No schema registry for this run: ${message}`);
    project.provide('schemaRegistryError', message);
    return '';
  });
  project.provide('schemaRegistryUrl', registryUrl);
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
