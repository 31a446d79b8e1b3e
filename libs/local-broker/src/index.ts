/** Starts a real Apache Kafka (KRaft) cluster from Maven-fetched jars, for `npm start` and tests. */
export { LocalKafkaCluster, LocalKafkaOptions } from './local-kafka-cluster';
export { ensureKafkaJars, KAFKA_VERSION } from './kafka-jars';
export { MissingToolError } from './required-tools';
export { BrokerOverrides, SaslUsers } from './broker-properties';
export { runMaven } from './maven';
export { freePort, freePorts } from './free-port';
export { installOnce, isInstalled } from './cached-install';
