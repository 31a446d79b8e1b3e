export interface RequestLike {
  protocol: string;
  hostname?: string;
  host?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Where links point: the first advertised URL with the request's scheme, otherwise the request's
 * own scheme and Host. The API prefix the request used (`/v3` or `/kafka/v3`) is kept.
 */
export function requestBaseUrl(request: RequestLike, advertisedUrls: string[]): string {
  const scheme = request.protocol;
  const advertised = advertisedUrls.find((u) => u.startsWith(`${scheme}://`));
  const origin =
    advertised !== undefined
      ? advertised.replace(/\/+$/, '')
      : `${scheme}://${String(request.headers.host ?? request.host ?? 'localhost')}`;
  const prefix = request.url.startsWith('/kafka/v3') ? '/kafka/v3' : '/v3';
  return `${origin}${prefix}`;
}
