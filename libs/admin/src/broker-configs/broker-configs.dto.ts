import { ResourceCollection } from '../resource-envelope';
import { AbstractConfigData } from '../topic-configs/abstract-config.dto';

export interface BrokerConfigData extends AbstractConfigData {
  broker_id: number;
}

export type BrokerConfigDataList = ResourceCollection<BrokerConfigData>;
