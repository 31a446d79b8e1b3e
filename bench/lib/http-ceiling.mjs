import { spawn } from 'node:child_process';
import { freePort } from './gateway-process.mjs';

// A bare node:http server, no framework and no Kafka: it reads the request body and answers
// a fixed receipt of the size the gateway sends. What autocannon measures against it is the
// most this machine serves of such requests, the ceiling any gateway's single-record figure
// lives under.
const SERVER = `
const receipt = JSON.stringify({
  error_code: 200, cluster_id: 'ceiling', topic_name: 'ceiling', partition_id: 0, offset: 0,
  timestamp: new Date().toISOString(), value: { type: 'STRING', size: 200 },
}) + '\\r\\n';
require('node:http').createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(receipt) });
    res.end(receipt);
  });
}).listen(Number(process.argv[1]), '127.0.0.1', () => console.log('ready'));
`;

/** Starts the bare server as its own process; resolves with its URL and a stop function. */
export async function startHttpCeiling() {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', SERVER, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`ceiling server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}
