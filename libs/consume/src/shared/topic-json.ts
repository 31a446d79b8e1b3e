let lastTopic = '';
let lastTopicJson = '""';
let lastTopicBytes = Buffer.from('""');

/**
 * `JSON.stringify(topic)`, remembered for the last topic: every record of a page or stream
 * chunk names the same topic.
 */
export function topicJson(topic: string): string {
  remember(topic);
  return lastTopicJson;
}

/** topicJson as UTF-8 bytes. */
export function topicJsonBytes(topic: string): Buffer {
  remember(topic);
  return lastTopicBytes;
}

function remember(topic: string): void {
  if (topic !== lastTopic) {
    lastTopic = topic;
    lastTopicJson = JSON.stringify(topic);
    lastTopicBytes = Buffer.from(lastTopicJson, 'utf8');
  }
}
