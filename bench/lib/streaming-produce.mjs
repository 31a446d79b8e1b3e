import { request } from 'node:http';
import { percentile } from './stats.mjs';

/**
 * One streaming produce request: writes `records` concatenated JSON records (chunked, full
 * duplex, honouring backpressure) while reading the receipts. Latency of a record: from the
 * write of its chunk to the arrival of its receipt.
 */
export function streamingProduce({ baseUrl, clusterId, topic, records, valueBytes, perChunk }) {
  const data = 'x'.repeat(valueBytes);
  const one = JSON.stringify({ value: { type: 'STRING', data } });
  const chunk = Buffer.from(one.repeat(perChunk));
  const sentAt = new Float64Array(records);
  const latencies = new Float64Array(records);
  let received = 0;
  let ok = 0;
  let firstError;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(`${baseUrl}/v3/clusters/${clusterId}/topics/${topic}/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (text) => {
        buffer += text;
        let index;
        let from = 0;
        const now = performance.now();
        while ((index = buffer.indexOf('\r\n', from)) >= 0) {
          const line = buffer.slice(from, index);
          if (line.startsWith('{"error_code":200,')) {
            ok++;
          } else if (firstError === undefined) {
            firstError = line;
          }
          latencies[received] = now - sentAt[received];
          received++;
          from = index + 2;
        }
        buffer = buffer.slice(from);
      });
      res.on('end', () => {
        const seconds = (performance.now() - started) / 1000;
        resolve({
          status: res.statusCode,
          received,
          ok,
          firstError,
          seconds,
          recordsPerSec: ok / seconds,
          p50: percentile(latencies.subarray(0, received), 50),
          p99: percentile(latencies.subarray(0, received), 99),
        });
      });
    });
    let written = 0;
    const write = () => {
      while (written < records) {
        const now = performance.now();
        const count = Math.min(perChunk, records - written);
        sentAt.fill(now, written, written + count);
        const body = count === perChunk ? chunk : Buffer.from(one.repeat(count));
        written += count;
        if (!req.write(body)) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}
