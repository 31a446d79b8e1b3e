import { metadataV12 } from '@platformatic/kafka';
import { createProtocolAdmin, parseHostPort } from './kafka-clients';
import { toKafkaError } from './kafka-errors';

export interface KafkaProbeResult {
  clusterId: string;
  brokerCount: number;
}

/** One metadata round trip with a throwaway client: "does this cluster answer?" */
export async function probeKafka(
  bootstrapServers: string,
  timeoutMs: number,
): Promise<KafkaProbeResult> {
  const brokers = bootstrapServers.split(',').map((s) => s.trim());
  const admin = createProtocolAdmin({
    clientId: 'kafka-http-gateway-probe',
    bootstrapServers: brokers,
    connectionTimeoutMs: timeoutMs,
    requestTimeoutMs: timeoutMs,
  });
  try {
    const connection = await admin.connections.getFirstAvailable(brokers.map(parseHostPort));
    const response = await metadataV12.api.async(connection, [], false, false);
    return { clusterId: response.clusterId ?? '', brokerCount: response.brokers.length };
  } catch (error) {
    throw toKafkaError(error);
  } finally {
    await admin.close().catch(() => undefined);
  }
}
