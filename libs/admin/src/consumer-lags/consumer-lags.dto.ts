import { Relationship, ResourceCollection, ResourceEnvelope } from '../resource-envelope';

export interface ConsumerLagData extends ResourceEnvelope {
  cluster_id: string;
  consumer_group_id: string;
  topic_name: string;
  partition_id: number;
  current_offset: number;
  log_end_offset: number;
  lag: number;
  consumer_id: string;
  instance_id: string | null;
  client_id: string;
}

export type ConsumerLagDataList = ResourceCollection<ConsumerLagData>;

export interface ConsumerGroupLagSummaryData extends ResourceEnvelope {
  cluster_id: string;
  consumer_group_id: string;
  max_lag_consumer_id: string;
  max_lag_instance_id: string | null;
  max_lag_client_id: string;
  max_lag_topic_name: string;
  max_lag_partition_id: number;
  max_lag: number;
  total_lag: number;
  max_lag_consumer: Relationship;
  max_lag_partition: Relationship;
}
