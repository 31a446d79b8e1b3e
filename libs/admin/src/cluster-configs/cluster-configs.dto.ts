import { ResourceCollection } from '../resource-envelope';
import { AbstractConfigData } from '../topic-configs/abstract-config.dto';

/** The spec's ClusterConfigType; kafka-rest knows only BROKER (`/broker-configs`). */
export type ClusterConfigType = 'BROKER';

export interface ClusterConfigData extends AbstractConfigData {
  config_type: ClusterConfigType;
}

export type ClusterConfigDataList = ResourceCollection<ClusterConfigData>;
