import { describe, expect, it } from 'vitest';
import { parsePasswordFile } from './password-file';
import { passwordFileOfJaasConfig } from './jaas-config';
import { isSkipped } from './skip-paths';

describe(parsePasswordFile.name, () => {
  it('reads users, credentials and roles in the PropertyUserStore format', () => {
    const users = parsePasswordFile(
      ['# comment', 'alice: secret,admin, developer', 'bob=MD5:abc', 'carol: pw,'].join('\n'),
    );
    expect(Object.fromEntries(users)).toEqual({
      alice: { credential: { scheme: 'plain', value: 'secret' }, roles: ['admin', 'developer'] },
      bob: { credential: { scheme: 'md5', hex: 'abc' }, roles: [] },
      carol: { credential: { scheme: 'plain', value: 'pw' }, roles: [] },
    });
  });

  it('names the user of a credential it cannot read', () => {
    expect(() => parsePasswordFile('eve: CRYPT:xyz', 'pw.properties')).toThrow(
      "pw.properties: user 'eve': CRYPT: credentials are not supported",
    );
  });
});

describe(passwordFileOfJaasConfig.name, () => {
  const jaas = [
    '/* generated */',
    'Other { com.example.LdapLoginModule required; };',
    'KafkaRest {',
    '  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required',
    '  file="password.properties";',
    '};',
  ].join('\n');

  it("finds the realm's PropertyFileLoginModule file, relative to the config", () => {
    expect(passwordFileOfJaasConfig(jaas, 'KafkaRest', '/etc/kafka-rest/jaas.conf')).toBe(
      '/etc/kafka-rest/password.properties',
    );
  });

  it('refuses a realm that is missing or uses another login module', () => {
    expect(() => passwordFileOfJaasConfig(jaas, 'Nope', 'j')).toThrow(/no section named 'Nope'/);
    expect(() => passwordFileOfJaasConfig(jaas, 'Other', 'j')).toThrow(/PropertyFileLoginModule/);
  });
});

describe(isSkipped.name, () => {
  it('matches exact paths and /prefix/* entries, ignoring the query', () => {
    const skip = ['/healthy', '/public/*'];
    expect(
      ['/healthy', '/healthy?x=1', '/public', '/public/a/b'].map((p) => isSkipped(p, skip)),
    ).toEqual([true, true, true, true]);
    expect(['/healthy/x', '/publicity', '/v3/clusters'].map((p) => isSkipped(p, skip))).toEqual([
      false,
      false,
      false,
    ]);
  });
});
