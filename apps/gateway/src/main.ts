import { HttpListeners } from '@gateway/auth';
import { collectExtensionNames, unknownListEntries } from '@gateway/rest';
import { LocalKafkaCluster } from '@gateway/local-broker';
import { LocalSchemaRegistry } from '@gateway/local-registry';
import { createGatewayApp } from './create-app';
import { shutdownGracefully } from './shutdown';
import { readConfigSources } from './config/config-sources';
import { ConfigError, loadConfig } from './config/gateway.config';

async function bootstrap(): Promise<void> {
  const sources = readConfigSources(process.argv.slice(2), process.env);
  const config = loadConfig(sources.values);
  if (sources.propertiesFile !== undefined) {
    console.log(`Configuration read from ${sources.propertiesFile} and the environment`);
  }
  if (config.kafka.security.invalid !== undefined) {
    console.warn(`${config.kafka.security.invalid}: every request that needs Kafka will fail`);
  }
  if (config.unsupportedSettings.length > 0) {
    console.warn(`Ignoring unsupported settings: ${config.unsupportedSettings.join(', ')}`);
  }
  let localKafka: LocalKafkaCluster | undefined;
  let bootstrapServers = config.bootstrapServers;
  if (bootstrapServers === null) {
    console.log('No Kafka configured (KAFKA_BOOTSTRAP_SERVERS): starting a local Kafka broker...');
    localKafka = await LocalKafkaCluster.start({
      brokers: config.localBrokers,
      log: (l) => console.log(l),
    });
    bootstrapServers = localKafka.bootstrapServers.split(',');
  }
  let localRegistry: LocalSchemaRegistry | undefined;
  if (config.localSchemaRegistry && config.schemaRegistry === null) {
    console.log(
      'GATEWAY_LOCAL_SCHEMA_REGISTRY=true: starting a local schema registry (Apicurio)...',
    );
    localRegistry = await LocalSchemaRegistry.start({ log: (l) => console.log(l) });
    config.schemaRegistry = { urls: [localRegistry.url] };
  }
  const app = await createGatewayApp({ ...config, bootstrapServers });
  const extensionNames = collectExtensionNames(app.getHttpAdapter().getInstance());
  await app.init();
  const unknownEntries = unknownListEntries(config.http.endpoints, extensionNames);
  if (unknownEntries.length > 0) {
    console.warn(
      `api.endpoints allow/blocklist entries that name no resource or class (they match nothing, as in kafka-rest): ${unknownEntries.join(', ')}`,
    );
  }
  const urls = await HttpListeners.listenAll(app.getHttpAdapter().getInstance());
  console.log(`Kafka HTTP Gateway listening on ${urls.join(', ')}`);
  console.log(
    `Kafka: ${bootstrapServers.join(',')}${localKafka ? ' (local broker started by the gateway)' : ''}`,
  );
  if (config.schemaRegistry !== null) {
    const where = config.schemaRegistry.urls.join(',');
    console.log(
      `Schema Registry: ${where}${localRegistry ? ' (local, started by the gateway)' : ''}`,
    );
  }
  const shutdown = async (): Promise<void> => {
    console.log(`Shutting down (grace period ${config.shutdownGraceMs} ms)...`);
    await shutdownGracefully(app, config.shutdownGraceMs);
    await localKafka?.stop();
    await localRegistry?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
