import type { FastifyInstance, FastifyReply } from 'fastify';

export interface ResponseHeaderRule {
  action: 'set' | 'add';
  name: string;
  value: string;
}

/**
 * Jetty's `response.http.headers.config` format: comma-separated `[action] [name]: [value]`
 * entries, action `set` (replace) or `add` (append). Returns the rules, or throws on a bad entry.
 */
export function parseResponseHeaders(config: string): ResponseHeaderRule[] {
  return config
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const match = /^(set|add)\s+([^:\s]+)\s*:\s*(.*)$/i.exec(entry);
      if (match === null) {
        throw new Error(
          `response.http.headers.config: cannot parse '${entry}' (use "set Name: value")`,
        );
      }
      return { action: match[1].toLowerCase() as 'set' | 'add', name: match[2], value: match[3] };
    });
}

export function registerResponseHeaders(
  fastify: FastifyInstance,
  rules: ResponseHeaderRule[],
): void {
  if (rules.length === 0) {
    return;
  }
  // Before the handler, as Jetty's HeaderFilter does: answers that write the raw response
  // (streams, produce receipts) carry them too (hijackReply copies them over).
  fastify.addHook('onRequest', (_request, reply, done) => {
    applyResponseHeaders(reply, rules);
    done();
  });
}

/** Sets (or adds to) the configured headers; also for answers no hook sees (a URL Fastify cannot decode). */
export function applyResponseHeaders(reply: FastifyReply, rules: ResponseHeaderRule[]): void {
  for (const rule of rules) {
    const current = reply.getHeader(rule.name);
    if (rule.action === 'add' && current !== undefined) {
      void reply.header(rule.name, [...[current].flat().map(String), rule.value]);
    } else {
      void reply.header(rule.name, rule.value);
    }
  }
}
