import type { SASLOptions } from '@platformatic/kafka';
import type { KafkaConfig, SASLOptions as KafkaJsSasl } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

/** TLS and SASL for the gateway's own Kafka connections (PEM material already read). */
export interface KafkaSecurity {
  tls?: { ca?: string; cert?: string; key?: string; passphrase?: string; checkHostname: boolean };
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
}

function tlsOptions(security: KafkaSecurity | undefined): ConnectionOptions | undefined {
  const tls = security?.tls;
  if (tls === undefined) {
    return undefined;
  }
  return {
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    passphrase: tls.passphrase,
    ...(tls.checkHostname ? {} : { checkServerIdentity: () => undefined }),
  };
}

/** The same security for both client libraries; every client libs/kafka creates uses one of these. */
export function kafkajsSecurity(
  security: KafkaSecurity | undefined,
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const sasl = security?.sasl;
  return {
    ssl: tlsOptions(security),
    sasl: sasl === undefined ? undefined : ({ ...sasl } as KafkaJsSasl),
  };
}

export function platformaticSecurity(security: KafkaSecurity | undefined): {
  tls?: ConnectionOptions;
  sasl?: SASLOptions;
} {
  const sasl = security?.sasl;
  const mechanisms = {
    plain: 'PLAIN',
    'scram-sha-256': 'SCRAM-SHA-256',
    'scram-sha-512': 'SCRAM-SHA-512',
  } as const;
  return {
    tls: tlsOptions(security),
    sasl:
      sasl === undefined
        ? undefined
        : {
            mechanism: mechanisms[sasl.mechanism],
            username: sasl.username,
            password: sasl.password,
          },
  };
}
