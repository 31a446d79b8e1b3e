import { describe, expect, it } from 'vitest';
import { brokerJvmFlags, brokerProperties, scramFormatArgs } from './broker-properties';

const node = (nodeId: number) => ({
  nodeId,
  brokerPort: 9000 + nodeId,
  controllerPort: 9100 + nodeId,
  logDir: `/d/${nodeId}`,
});

function parse(text: string): Record<string, string> {
  return Object.fromEntries(
    text.split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
}

describe(brokerProperties.name, () => {
  it('configures a single combined KRaft node as the issue asks', () => {
    const props = parse(brokerProperties(node(1), [node(1)]));
    expect(props).toMatchObject({
      'process.roles': 'broker,controller',
      'controller.quorum.voters': '1@127.0.0.1:9101',
      listeners: 'PLAINTEXT://127.0.0.1:9001,CONTROLLER://127.0.0.1:9101',
      'offsets.topic.replication.factor': '1',
      'offsets.topic.num.partitions': '1',
      'transaction.state.log.replication.factor': '1',
      'group.initial.rebalance.delay.ms': '0',
      'auto.create.topics.enable': 'false',
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'super.users': 'User:ANONYMOUS',
    });
  });

  it('lets overrides replace generated properties and add others', () => {
    const overrides = { 'auto.create.topics.enable': true, 'num.partitions': 3, 'x.y': 'z' };
    const props = parse(brokerProperties(node(1), [node(1)], undefined, overrides));
    expect(props).toMatchObject({
      'auto.create.topics.enable': 'true',
      'num.partitions': '3',
      'x.y': 'z',
      'node.id': '1',
    });
  });

  it('makes every node of a 3-broker cluster a voter with replicated internal topics', () => {
    const nodes = [node(1), node(2), node(3)];
    const props = parse(brokerProperties(nodes[1], nodes));
    expect(props['controller.quorum.voters']).toBe(
      '1@127.0.0.1:9101,2@127.0.0.1:9102,3@127.0.0.1:9103',
    );
    expect(props['node.id']).toBe('2');
    expect(props['offsets.topic.replication.factor']).toBe('3');
  });
});

describe('brokerProperties with a SASL listener', () => {
  it('adds SASL_PLAINTEXT with PLAIN, SCRAM and OAUTHBEARER next to PLAINTEXT, and super users', () => {
    const sasl = { users: [{ name: 'alice', password: 'a-pw' }], superUsers: ['gateway'] };
    const props = parse(brokerProperties({ ...node(1), saslPort: 9201 }, [node(1)], sasl));
    expect(props).toMatchObject({
      listeners:
        'PLAINTEXT://127.0.0.1:9001,SASL_PLAINTEXT://127.0.0.1:9201,CONTROLLER://127.0.0.1:9101',
      'inter.broker.listener.name': 'PLAINTEXT',
      'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER',
      'listener.name.sasl_plaintext.plain.sasl.jaas.config':
        'org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="a-pw";',
      'super.users': 'User:ANONYMOUS;User:gateway',
    });
    expect(scramFormatArgs(sasl)).toEqual([
      '--add-scram',
      'SCRAM-SHA-256=[name=alice,password=a-pw]',
      '--add-scram',
      'SCRAM-SHA-512=[name=alice,password=a-pw]',
    ]);
  });

  it('validates OAUTHBEARER tokens against a JWKS when asked, and allows the broker to fetch it', () => {
    const jwks = { url: 'http://127.0.0.1:9300/jwks.json', expectedIssuer: 'https://idp' };
    const sasl = { users: [], superUsers: [], oauthBearerJwks: jwks };
    const props = parse(brokerProperties({ ...node(1), saslPort: 9201 }, [node(1)], sasl));
    expect(props).toMatchObject({
      'listener.name.sasl_plaintext.oauthbearer.sasl.server.callback.handler.class':
        'org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler',
      'sasl.oauthbearer.jwks.endpoint.url': jwks.url,
      'sasl.oauthbearer.expected.issuer': 'https://idp',
    });
    expect(props['sasl.oauthbearer.expected.audience']).toBeUndefined();
    expect(brokerJvmFlags(sasl)).toEqual([
      '-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=http://127.0.0.1:9300/jwks.json',
    ]);
  });

  it("keeps Kafka's default (unsecured) OAUTHBEARER validator without a JWKS", () => {
    const sasl = { users: [], superUsers: [] };
    const props = parse(brokerProperties({ ...node(1), saslPort: 9201 }, [node(1)], sasl));
    expect(
      props['listener.name.sasl_plaintext.oauthbearer.sasl.server.callback.handler.class'],
    ).toBeUndefined();
    expect(brokerJvmFlags(sasl)).toEqual([]);
  });
});
