import { createAPI, Reader, Writer } from '@platformatic/kafka';

/**
 * ConsumerGroupDescribe (API key 69) version 1, the describe call of KIP-848 groups.
 *
 * @platformatic/kafka ships only version 0, whose parser reads the subscribed topic names as one
 * string and skips the assignment struct's tagged fields, so it cannot decode a real answer; v1
 * also adds member_type, which tells whether a member still speaks the classic protocol.
 * Unlike the library's parsers this one does not throw on a group error code: a classic or
 * unknown group answers GROUP_ID_NOT_FOUND, and the caller falls back to DescribeGroups.
 */
export interface ConsumerGroupDescribeTopicPartitions {
  topicName: string;
  partitions: number[];
}

export interface ConsumerGroupDescribeMember {
  memberId: string;
  instanceId: string | null;
  clientId: string;
  clientHost: string;
  assignment: ConsumerGroupDescribeTopicPartitions[];
  /** -1 unknown, 0 classic protocol, 1 consumer protocol. */
  memberType: number;
}

export interface ConsumerGroupDescribeGroup {
  errorCode: number;
  errorMessage: string | null;
  groupId: string;
  groupState: string;
  assignorName: string;
  members: ConsumerGroupDescribeMember[];
}

export interface ConsumerGroupDescribeResponse {
  groups: ConsumerGroupDescribeGroup[];
}

export const CONSUMER_GROUP_DESCRIBE_API_KEY = 69;
export const CONSUMER_GROUP_DESCRIBE_VERSION = 1;

function createRequest(groupIds: string[]): Writer {
  return Writer.create()
    .appendArray(groupIds, (w, id) => w.appendString(id), true, false)
    .appendBoolean(false)
    .appendTaggedFields();
}

function parseResponse(
  _correlationId: number,
  _apiKey: number,
  _apiVersion: number,
  reader: Reader,
): ConsumerGroupDescribeResponse {
  reader.readInt32(); // throttle_time_ms
  const groups = reader.readArray((r) => readGroup(r));
  return { groups };
}

function readGroup(r: Reader): ConsumerGroupDescribeGroup {
  const errorCode = r.readInt16();
  const errorMessage = r.readNullableString();
  const groupId = r.readString();
  const groupState = r.readString();
  r.readInt32(); // group_epoch
  r.readInt32(); // assignment_epoch
  const assignorName = r.readString();
  const members = r.readArray((m) => readMember(m));
  r.readInt32(); // authorized_operations
  return { errorCode, errorMessage, groupId, groupState, assignorName, members };
}

function readMember(r: Reader): ConsumerGroupDescribeMember {
  const memberId = r.readString();
  const instanceId = r.readNullableString();
  r.readNullableString(); // rack_id
  r.readInt32(); // member_epoch
  const clientId = r.readString();
  const clientHost = r.readString();
  r.readArray((t) => t.readString(), true, false); // subscribed_topic_names
  r.readNullableString(); // subscribed_topic_regex
  const assignment = readAssignment(r);
  readAssignment(r); // target_assignment
  const memberType = r.readInt8();
  return { memberId, instanceId, clientId, clientHost, assignment, memberType };
}

function readAssignment(r: Reader): ConsumerGroupDescribeTopicPartitions[] {
  const topics = r.readArray((t) => {
    t.readUUID(); // topic_id
    const topicName = t.readString();
    const partitions = t.readArray((p) => p.readInt32(), true, false);
    return { topicName, partitions };
  });
  r.readTaggedFields(); // the Assignment struct's own tagged fields
  return topics;
}

export const consumerGroupDescribeV1 = createAPI<
  [groupIds: string[]],
  ConsumerGroupDescribeResponse
>(CONSUMER_GROUP_DESCRIBE_API_KEY, CONSUMER_GROUP_DESCRIBE_VERSION, createRequest, parseResponse);
