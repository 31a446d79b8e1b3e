export interface RequestLike {
  protocol: string;
  hostname?: string;
  host?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: { localAddress?: string; localPort?: number };
}

/**
 * Where links point: the first advertised URL with the request's scheme, otherwise the request's
 * own scheme and Host (an HTTP/1.0 request may have none: then the address it reached, as
 * Jetty). The API prefix the request used (`/v3` or `/kafka/v3`) is kept.
 */
export function requestBaseUrl(request: RequestLike, advertisedUrls: string[]): string {
  const scheme = request.protocol;
  const advertised = advertisedUrls.find((u) => u.startsWith(`${scheme}://`));
  const origin =
    advertised !== undefined ? advertised.replace(/\/+$/, '') : `${scheme}://${hostOf(request)}`;
  const prefix = request.url.startsWith('/kafka/v3') ? '/kafka/v3' : '/v3';
  return `${origin}${prefix}`;
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
