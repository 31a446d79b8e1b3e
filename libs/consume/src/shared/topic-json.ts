let lastTopic = '';
let lastTopicJson = '""';

/**
 * `JSON.stringify(topic)`, remembered for the last topic: every record of a page or stream
 * chunk names the same topic.
 */
export function topicJson(topic: string): string {
  if (topic !== lastTopic) {
    lastTopic = topic;
    lastTopicJson = JSON.stringify(topic);
  }
  return lastTopicJson;
}
