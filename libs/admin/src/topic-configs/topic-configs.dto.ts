import { z } from 'zod';
import { javaBoolean, kafkaString, nullableField } from '@gateway/rest';
import { ResourceCollection } from '../resource-envelope';
import { AbstractConfigData, AlterConfigEntry, configList } from './abstract-config.dto';

export interface TopicConfigData extends AbstractConfigData {
  topic_name: string;
}

export type TopicConfigDataList = ResourceCollection<TopicConfigData>;

/**
 * Body of `POST /clusters/{c}/topics/-/configs:alter`. Confluent serves it, but its OpenAPI file
 * does not list it: `{"data":[{"topic_name","configs":[...]}],"validate_only"?}`.
 */
export const AlterTopicsConfigsBatchRequest = z
  .object({
    data: configList(
      z.object({ topic_name: kafkaString(), configs: configList(AlterConfigEntry) }).strict(),
    ),
    validate_only: nullableField(javaBoolean()),
  })
  .strict();
export type AlterTopicsConfigsBatchRequest = z.infer<typeof AlterTopicsConfigsBatchRequest>;

/** The 207 answer when some topics could not be altered (the others were). */
export interface AlterTopicsConfigsBatchResponse {
  failures: { topic_name: string; error_code: number; message: string }[];
}
