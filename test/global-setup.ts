import type { TestProject } from 'vitest/node';
import { LocalKafkaCluster } from '@gateway/local-broker';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBootstrap: string;
  }
}

let cluster: LocalKafkaCluster | undefined;

/** One broker per run: reuse KAFKA_BOOTSTRAP_SERVERS if given, otherwise start a local one. */
export async function setup(project: TestProject): Promise<void> {
  let bootstrap = process.env.KAFKA_BOOTSTRAP_SERVERS;
  if (bootstrap === undefined || bootstrap === '') {
    cluster = await LocalKafkaCluster.start({ log: (line) => console.log(line) });
    bootstrap = cluster.bootstrapServers;
  }
  project.provide('kafkaBootstrap', bootstrap);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
