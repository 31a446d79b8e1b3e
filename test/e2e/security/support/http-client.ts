import { request as httpRequest } from 'node:http';
import { request as httpsRequest, RequestOptions } from 'node:https';

export interface WireResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** One request over a real socket (no injection), so listeners, TLS and timeouts take part. */
export function send(
  url: string,
  options: RequestOptions & { body?: string } = {},
): Promise<WireResponse> {
  const { body, ...requestOptions } = options;
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, ...requestOptions }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
