import { RestError } from '@gateway/rest';

/**
 * kafka-rest answers every missing consumer-group resource with a JAX-RS NotFoundException
 * (error code 404), worded differently by each manager; the wordings are copied here.
 */
export const groupErrors = {
  /** A wrong cluster id under consumer-groups (ConsumerGroupManagerImpl, ConsumerLagManagerImpl). */
  clusterCouldNotBeFound: (clusterId: string): RestError =>
    new RestError('NOT_FOUND', `Cluster ${clusterId} could not be found.`),
  /** GET of one group, consumer, assignment or lag: the bare "HTTP 404 Not Found". */
  notFound: (): RestError => RestError.notFound(),
  /** Lags and lag summary (ConsumerLagManagerImpl, ConsumerGroupLagSummaryManagerImpl). */
  groupCouldNotBeFound: (groupId: string): RestError =>
    new RestError('NOT_FOUND', `Consumer Group ${groupId} could not be found.`),
  /** Consumers and assignments (ConsumerManagerImpl). */
  groupDoesNotExist: (groupId: string): RestError =>
    new RestError('NOT_FOUND', `Consumer Group ${groupId} does not exist.`),
  /** Assignments of an unknown member (ConsumerAssignmentManagerImpl). */
  consumerDoesNotExist: (consumerId: string): RestError =>
    new RestError('NOT_FOUND', `Consumer ${consumerId} does not exist.`),
  /** A group that never committed (AbstractConsumerLagManager.checkOffsetsExist). */
  offsetsNotFound: (): RestError =>
    new RestError('NOT_FOUND', 'Consumer group offsets could not be found.'),
  /** Extension: Kafka refuses to delete or reset a group that has members. */
  groupNotEmpty: (groupId: string, action: string): RestError =>
    new RestError(
      'CONSUMER_GROUP_NOT_EMPTY',
      `Cannot ${action} consumer group ${groupId}: it has active members. Stop its consumers first.`,
    ),
};
