import { ConsumerGroupState, ConsumerGroupType } from '@gateway/kafka';
import { Relationship, ResourceCollection, ResourceEnvelope } from '../resource-envelope';

export interface ConsumerGroupData extends ResourceEnvelope {
  cluster_id: string;
  consumer_group_id: string;
  is_simple: boolean;
  partition_assignor: string;
  state: ConsumerGroupState;
  type: ConsumerGroupType;
  is_mixed_consumer_group: boolean;
  coordinator: Relationship;
  consumers: Relationship;
  lag_summary: Relationship;
}

export type ConsumerGroupDataList = ResourceCollection<ConsumerGroupData>;

export interface ConsumerData extends ResourceEnvelope {
  cluster_id: string;
  consumer_group_id: string;
  consumer_id: string;
  /** kafka-rest serializes an absent group.instance.id as null. */
  instance_id: string | null;
  client_id: string;
  assignments: Relationship;
}

export type ConsumerDataList = ResourceCollection<ConsumerData>;

export interface ConsumerAssignmentData extends ResourceEnvelope {
  cluster_id: string;
  consumer_group_id: string;
  consumer_id: string;
  topic_name: string;
  partition_id: number;
  partition: Relationship;
  lag: Relationship;
}

export type ConsumerAssignmentDataList = ResourceCollection<ConsumerAssignmentData>;
