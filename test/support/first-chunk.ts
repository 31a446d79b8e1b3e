import { request } from 'node:http';

/**
 * Opens a GET over a real socket and resolves with the status and the body received until
 * `until(body)` holds (or the response ends), then closes the connection: enough to see that a
 * never-ending stream (SSE, NDJSON) started, or the error it answered instead.
 */
export function firstChunk(
  url: string,
  headers: Record<string, string>,
  until: (body: string) => boolean = (body) => body.length > 0,
  timeoutMs = 15_000,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`GET ${url}: nothing after ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res) => {
      let body = '';
      const done = (): void => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (until(body)) {
          done();
        }
      });
      res.on('end', done);
    });
    req.end();
  });
}
