import { inject } from 'vitest';

/** The run's schema registry (Confluent API); fails the calling test when none could start. */
export function schemaRegistryUrl(): string {
  const url = inject('schemaRegistryUrl');
  if (url === '') {
    throw new Error(`No schema registry for this run: ${inject('schemaRegistryError')}`);
  }
  return url;
}
