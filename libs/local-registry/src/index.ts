/** Starts a real schema registry (Apicurio Registry 3, Confluent-compatible API) for `npm start` and tests. */
export {
  LocalSchemaRegistry,
  LocalSchemaRegistryOptions,
  CCOMPAT_PATH,
} from './local-schema-registry';
export { ensureApicurio, APICURIO_VERSION } from './apicurio-dist';
export { findJava, MIN_JAVA_VERSION } from './java-runtime';
