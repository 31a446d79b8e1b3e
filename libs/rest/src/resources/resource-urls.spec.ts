import { describe, expect, it } from 'vitest';
import { linkBaseUrl } from './request-base-url';
import { ResourceUrls } from './resource-urls';

describe(ResourceUrls.name, () => {
  const urls = new ResourceUrls('http://gw:8082/v3', '');

  it('builds self, CRN and related links, encoding path segments', () => {
    expect(
      urls.resource(
        'KafkaTopic',
        ['clusters', 'c1', 'topics', 'a b'],
        [
          ['kafka', 'c1'],
          ['topic', 'a b'],
        ],
      ),
    ).toEqual({
      kind: 'KafkaTopic',
      metadata: {
        self: 'http://gw:8082/v3/clusters/c1/topics/a%20b',
        resource_name: 'crn:///kafka=c1/topic=a b',
      },
    });
    expect(urls.related('clusters', 'c1', 'brokers', 1)).toEqual({
      related: 'http://gw:8082/v3/clusters/c1/brokers/1',
    });
  });

  it("leaves empty segments out, as kafka-rest's UrlFactory", () => {
    expect(urls.related('clusters', 'c1', 'consumer-groups', 'g', 'consumers', '')).toEqual({
      related: 'http://gw:8082/v3/clusters/c1/consumer-groups/g/consumers',
    });
  });

  it('omits resource_name without CRN pairs and always sets next: null on lists', () => {
    expect(urls.resource('KafkaAcl', ['clusters', 'c1', 'acls'])).toEqual({
      kind: 'KafkaAcl',
      metadata: { self: 'http://gw:8082/v3/clusters/c1/acls' },
    });
    expect(urls.collection('KafkaTopicList', ['clusters', 'c1', 'topics'], [])).toEqual({
      kind: 'KafkaTopicList',
      metadata: { self: 'http://gw:8082/v3/clusters/c1/topics', next: null },
      data: [],
    });
  });

  it('uses the configured CRN authority', () => {
    expect(new ResourceUrls('http://x/v3', 'confluent.cloud').crn(['kafka', 'c'])).toBe(
      'crn://confluent.cloud/kafka=c',
    );
  });
});

describe(linkBaseUrl.name, () => {
  const request = (url: string, protocol = 'http', host = 'in:1') => ({
    protocol,
    url,
    headers: { host },
  });
  const none = { advertisedUrls: [], hostName: '', listenerUrls: [] };

  it('keeps the request prefix and host', () => {
    expect(linkBaseUrl(none)(request('/v3/clusters'))).toBe('http://in:1/v3');
    expect(linkBaseUrl(none)(request('/kafka/v3/clusters'))).toBe('http://in:1/kafka/v3');
  });

  it('uses the address the request reached when it has no Host (HTTP/1.0), as Jetty', () => {
    const noHost = (localAddress: string) => ({
      protocol: 'http',
      url: '/v3/clusters',
      host: '',
      headers: {},
      socket: { localAddress, localPort: 8082 },
    });
    expect(linkBaseUrl(none)(noHost('127.0.0.1'))).toBe('http://127.0.0.1:8082/v3');
    expect(linkBaseUrl(none)(noHost('::1'))).toBe('http://[::1]:8082/v3');
  });

  it('prefers the first advertised URL with the same scheme', () => {
    const advertisedUrls = ['https://s:443', 'http://p:80/', 'http://q:81'];
    const origins = { ...none, advertisedUrls, hostName: 'h', listenerUrls: ['http://l:1'] };
    expect(linkBaseUrl(origins)(request('/v3/x'))).toBe('http://p:80/v3');
    expect(linkBaseUrl(origins)(request('/v3/x', 'https'))).toBe('https://s:443/v3');
  });

  // kafka-rest's UrlFactoryImpl.computeAuthorityFromHostNameAndPort.
  it("uses host.name with the last same-scheme listener's port when the Host names a port", () => {
    const origins = {
      ...none,
      hostName: 'rest.example',
      listenerUrls: ['http://0.0.0.0:8082', 'https://0.0.0.0:8443', 'http://0.0.0.0:9092'],
    };
    expect(linkBaseUrl(origins)(request('/v3/x'))).toBe('http://rest.example:9092/v3');
    expect(linkBaseUrl(origins)(request('/v3/x', 'http', 'in'))).toBe('http://rest.example/v3');
    expect(linkBaseUrl(origins)(request('/v3/x', 'https', '[::1]:5'))).toBe(
      'https://rest.example:8443/v3',
    );
  });

  it('uses the first same-scheme listener with an address, never a wildcard one or port 0', () => {
    const listenerUrls = ['http://0.0.0.0:8082', 'http://rest.internal:8083'];
    expect(linkBaseUrl({ ...none, listenerUrls })(request('/v3/x'))).toBe(
      'http://rest.internal:8083/v3',
    );
    const unnamed = ['http://[::]:1', 'http://127.0.0.1:0'];
    expect(linkBaseUrl({ ...none, listenerUrls: unnamed })(request('/v3/x'))).toBe(
      'http://in:1/v3',
    );
  });
});
