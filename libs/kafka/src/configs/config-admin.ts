import { Injectable } from '@nestjs/common';
import { describeConfigsV4, incrementalAlterConfigsV1 } from '@platformatic/kafka';
import { KafkaError } from '../kafka-errors';
import { changesVisible } from './applied-changes';
import { BrokerConnections } from './broker-connections';
import {
  resultError,
  targetBroker,
  toConfigEntry,
  toProtocolChange,
  toProtocolResource,
  withPerResourceErrors,
} from './config-protocol';
import { ConfigChange, ConfigEntry, ConfigResource, TopicConfigChanges } from './configs.types';
import { pollUntil } from '../poll-until';

type DescribeResult = describeConfigsV4.DescribeConfigsResponseResult;

// How long a write waits for its change to show in a describe, and how often it looks. Past the
// limit the write still succeeds: it did, only the broker's view lags.
const VISIBLE_WITHIN_MS = 3_000;

/**
 * Topic and broker configs. Every write is incremental (IncrementalAlterConfigs, KIP-339):
 * configs a request does not name keep their values, unlike the legacy AlterConfigs, which
 * replaces a resource's whole dynamic config set.
 */
export abstract class ConfigAdmin {
  /** A resource's configs with synonyms, sorted by name. An unknown topic is TOPIC_NOT_FOUND. */
  abstract describe(resource: ConfigResource): Promise<ConfigEntry[]>;
  /** Several topics' configs in one round trip; topics deleted meanwhile are left out. */
  abstract describeTopics(topicNames: string[]): Promise<Map<string, ConfigEntry[]>>;
  /** Applies the changes to one resource, or only validates them. */
  abstract alter(
    resource: ConfigResource,
    changes: ConfigChange[],
    validateOnly?: boolean,
  ): Promise<void>;
  /** Applies changes to several topics in one request; returns each failed topic's error. */
  abstract alterTopics(
    topics: TopicConfigChanges[],
    validateOnly?: boolean,
  ): Promise<Map<string, KafkaError>>;
}

@Injectable()
export class KafkaConfigAdmin extends ConfigAdmin {
  constructor(private readonly brokers: BrokerConnections) {
    super();
  }

  async describe(resource: ConfigResource): Promise<ConfigEntry[]> {
    const [result] = await this.describeResources(targetBroker(resource), [resource]);
    const error = resultError(result);
    if (error !== undefined) {
      throw error;
    }
    return toSortedEntries(result);
  }

  async describeTopics(topicNames: string[]): Promise<Map<string, ConfigEntry[]>> {
    const resources = topicNames.map((topicName): ConfigResource => ({ type: 'TOPIC', topicName }));
    const results = resources.length > 0 ? await this.describeResources(undefined, resources) : [];
    const configs = new Map<string, ConfigEntry[]>();
    for (const result of results) {
      const error = resultError(result);
      if (error?.kind === 'TOPIC_NOT_FOUND') {
        continue;
      }
      if (error !== undefined) {
        throw error;
      }
      configs.set(result.resourceName, toSortedEntries(result));
    }
    return configs;
  }

  async alter(
    resource: ConfigResource,
    changes: ConfigChange[],
    validateOnly = false,
  ): Promise<void> {
    const [result] = await this.alterResources(
      targetBroker(resource),
      [{ resource, changes }],
      validateOnly,
    );
    const error = resultError(result);
    if (error !== undefined) {
      throw error;
    }
    if (!validateOnly) {
      await awaitVisible(async () =>
        changesVisible(resource, await this.describe(resource), changes),
      );
    }
  }

  async alterTopics(
    topics: TopicConfigChanges[],
    validateOnly = false,
  ): Promise<Map<string, KafkaError>> {
    const failures = new Map<string, KafkaError>();
    if (topics.length === 0) {
      return failures;
    }
    const requests = topics.map((t) => ({
      resource: { type: 'TOPIC', topicName: t.topicName } as const,
      changes: t.changes,
    }));
    for (const result of await this.alterResources(undefined, requests, validateOnly)) {
      const error = resultError(result);
      if (error !== undefined) {
        failures.set(result.resourceName, error);
      }
    }
    if (!validateOnly) {
      const applied = requests.filter((r) => !failures.has(r.resource.topicName));
      // One DescribeConfigs for all of them per look; a topic deleted meanwhile is not waited for.
      await awaitVisible(async () => {
        const shown = await this.describeTopics(applied.map((r) => r.resource.topicName));
        return applied.every((r) => {
          const entries = shown.get(r.resource.topicName);
          return entries === undefined || changesVisible(r.resource, entries, r.changes);
        });
      });
    }
    return failures;
  }

  private async describeResources(
    brokerId: number | undefined,
    resources: ConfigResource[],
  ): Promise<DescribeResult[]> {
    const request = resources.map((r) => ({ ...toProtocolResource(r), configurationKeys: null }));
    const response = await this.brokers.run(brokerId, (connection) =>
      withPerResourceErrors(describeConfigsV4.api.async(connection, request, true, false)),
    );
    return response.results;
  }

  private async alterResources(
    brokerId: number | undefined,
    requests: { resource: ConfigResource; changes: ConfigChange[] }[],
    validateOnly: boolean,
  ): Promise<incrementalAlterConfigsV1.IncrementalAlterConfigsResponseResult[]> {
    const resources = requests.map((r) => ({
      ...toProtocolResource(r.resource),
      configs: r.changes.map(toProtocolChange),
    }));
    const response = await this.brokers.run(brokerId, (connection) =>
      withPerResourceErrors(
        incrementalAlterConfigsV1.api.async(connection, resources, validateOnly),
      ),
    );
    return response.responses;
  }
}

function toSortedEntries(result: DescribeResult): ConfigEntry[] {
  return result.configs.map(toConfigEntry).sort((a, b) => compareNames(a.name, b.name));
}

// Java's String.compareTo, which kafka-rest sorts with: by UTF-16 code unit, not locale.
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Waits until `visible` says a describe shows the changes, so a read right after a write sees
 * them. A describe that fails ends the wait: the write itself succeeded.
 */
function awaitVisible(visible: () => Promise<boolean>): Promise<void> {
  return pollUntil(() => visible().catch(() => true), VISIBLE_WITHIN_MS);
}
