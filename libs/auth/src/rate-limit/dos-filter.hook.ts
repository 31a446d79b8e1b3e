import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { noteErrorCode, RATE_LIMIT_LOG_CODES } from '@gateway/rest';
import type { DosFilterOptions } from './dos-filter.options';
import { CappedLimiters } from './capped-limiters';
import { RateTracker } from './rate-tracker';
import { ThrottlePasses } from './throttle-passes';

// Probes and scrapes must not fail because clients flood the API.
const OPERATIONS = new Set(['/healthy', '/ready', '/metrics']);
const MAX_TRACKED_IPS = 10_000;

/**
 * rest-utils' DoS filters (Jetty's DoSFilter, `dos.filter.*`): one for the whole gateway and
 * one per client IP. A request over either rate is refused with Jetty's 429 page (`delay.ms`
 * -1), or waits `delay.ms` and is then served by one of `throttled.requests` passes, refused
 * (429) when none frees up in time. Health and metrics endpoints are not limited.
 */
export function registerDosFilter(fastify: FastifyInstance, options: DosFilterOptions): void {
  const global = new RateTracker(options.maxRequestsPerSec);
  // Idle trackers are forgotten, as Jetty drops them after max.idle.tracker.ms.
  const perIp = new CappedLimiters(
    MAX_TRACKED_IPS,
    () => new RateTracker(options.maxRequestsPerConnectionPerSec),
    (tracker) => tracker.idleSince(Date.now(), options.maxIdleTrackerMs),
  );
  const passes = new ThrottlePasses(options.throttledRequests);
  const whitelist = new Set(options.ipWhitelist);

  fastify.addHook('onRequest', async (request, reply) => {
    if (OPERATIONS.has(request.routeOptions.url ?? '') || whitelist.has(request.ip)) {
      return;
    }
    const now = Date.now();
    // Each filter records every request it sees, as Jetty's do; the global one comes first.
    const overGlobal = global.hit(now);
    const over = overGlobal || perIp.of(request.ip).hit(now);
    if (!over) {
      return;
    }
    // The request log says which filter (rest-utils: 429007 global, 429008 per client).
    const logCode = overGlobal ? RATE_LIMIT_LOG_CODES.dosGlobal : RATE_LIMIT_LOG_CODES.dosPerClient;
    if (options.delayMs < 0) {
      return refuse(reply, options, logCode);
    }
    if (options.delayMs > 0) {
      mark(reply, options, 'delayed');
      await sleep(options.delayMs);
    }
    if (!(await passes.acquire(options.maxWaitMs + options.throttleMs))) {
      return refuse(reply, options, logCode);
    }
    // Held until the answer is written or the client is gone, whichever comes first.
    let held = true;
    const release = (): void => {
      if (held) {
        held = false;
        passes.release();
      }
    };
    reply.raw.once('finish', release).once('close', release);
  });
}

/** Jetty's error page for 429, as the spec's TooManyRequests response shows it (text/html). */
function refuse(reply: FastifyReply, options: DosFilterOptions, logCode: number): FastifyReply {
  mark(reply, options, 'unavailable');
  noteErrorCode(reply.request.raw, logCode);
  const uri = escapeHtml(reply.request.url.split('?')[0]);
  return reply
    .status(429)
    .type('text/html;charset=utf-8')
    .send(
      '<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>\n' +
        '<title>Error 429 Too Many Requests</title>\n</head>\n<body>\n' +
        '<h2>HTTP ERROR 429 Too Many Requests</h2>\n<table>\n' +
        `<tr><th>URI:</th><td>${uri}</td></tr>\n` +
        '<tr><th>STATUS:</th><td>429</td></tr>\n' +
        '<tr><th>MESSAGE:</th><td>Too Many Requests</td></tr>\n' +
        '</table>\n</body>\n</html>\n',
    );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function mark(reply: FastifyReply, options: DosFilterOptions, state: string): void {
  if (options.insertHeaders) {
    void reply.header('DoSFilter', state);
  }
}
