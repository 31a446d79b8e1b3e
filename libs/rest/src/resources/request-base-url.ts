export interface RequestLike {
  protocol: string;
  hostname?: string;
  host?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: { localAddress?: string; localPort?: number };
}

/** What links may be built from, besides the request (kafka-rest's UrlFactoryImpl inputs). */
export interface LinkOrigins {
  /** `advertised.listeners`: absolute URLs, the first with the request's scheme wins. */
  advertisedUrls: string[];
  /** `host.name` (deprecated; empty: unset): the links' host. */
  hostName: string;
  /** `listeners`: the server's own URLs. */
  listenerUrls: string[];
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '[::]', '']);
const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

/**
 * Where links point, in kafka-rest's order (UrlFactoryImpl): the first advertised URL with the
 * request's scheme; else `host.name`, with the port of the last listener of that scheme when the
 * request's Host names a port; else the first listener of that scheme; else the request's own
 * scheme and Host (an HTTP/1.0 request may have none: then the address it reached, as Jetty).
 * Unlike kafka-rest, a listener on a wildcard address (0.0.0.0, the default) or on port 0 (any
 * free port) names no address, so it is skipped: links to 0.0.0.0 reach nothing. The request's
 * API prefix is kept.
 */
export function linkBaseUrl(origins: LinkOrigins): (request: RequestLike) => string {
  // Parsed once: the function runs for every request that builds links.
  const listeners = origins.listenerUrls.map((u) => new URL(u));
  return (request) => {
    const scheme = request.protocol;
    const advertised = origins.advertisedUrls.find((u) => u.startsWith(`${scheme}://`));
    const prefix = request.url.startsWith('/kafka/v3') ? '/kafka/v3' : '/v3';
    if (advertised !== undefined) {
      return `${advertised.replace(/\/+$/, '')}${prefix}`;
    }
    const sameScheme = listeners.filter((u) => u.protocol === `${scheme}:`);
    const host = hostOf(request);
    let authority = host;
    if (origins.hostName !== '') {
      const last = sameScheme.at(-1);
      const port = last === undefined ? '8082' : last.port || DEFAULT_PORTS[scheme];
      authority = hasPort(host) ? `${origins.hostName}:${port}` : origins.hostName;
    } else {
      const named = sameScheme.find((u) => !WILDCARD_HOSTS.has(u.hostname) && u.port !== '0');
      authority = named?.host ?? host;
    }
    return `${scheme}://${authority}${prefix}`;
  };
}

function hasPort(host: string): boolean {
  return /:\d*$/.test(host.replace(/^\[[^\]]*\]/, ''));
}

function hostOf(request: RequestLike): string {
  const host = request.headers.host ?? request.host;
  if (typeof host === 'string' && host !== '') {
    return host;
  }
  const address = request.socket?.localAddress;
  if (address === undefined || address === '') {
    return 'localhost';
  }
  const literal = address.includes(':') ? `[${address}]` : address;
  return request.socket?.localPort === undefined
    ? literal
    : `${literal}:${request.socket.localPort}`;
}
