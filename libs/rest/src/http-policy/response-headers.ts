import type { FastifyInstance, FastifyReply } from 'fastify';

export interface ResponseHeaderRule {
  /** setDate/addDate: the value is milliseconds from now, written as an HTTP date. */
  action: 'set' | 'add' | 'setDate' | 'addDate';
  name: string;
  value: string;
}

const ACTIONS = { set: 'set', add: 'add', setdate: 'setDate', adddate: 'addDate' } as const;

/**
 * Jetty HeaderFilter's `response.http.headers.config`: comma-separated `[action] [name]: [value]`
 * entries (double quotes keep commas in an entry, as Jetty's csvSplit), action `set`
 * (replace), `add` (append), `setDate` or `addDate`. Returns the rules, or throws on a bad entry.
 */
export function parseResponseHeaders(config: string): ResponseHeaderRule[] {
  return csvSplit(config).map((entry) => {
    const match = /^(set|add|setDate|addDate)\s+([^:\s]+)\s*:\s*(.*)$/i.exec(entry);
    const action =
      match === null ? undefined : ACTIONS[match[1].toLowerCase() as keyof typeof ACTIONS];
    if (
      match === null ||
      action === undefined ||
      (action.endsWith('Date') && !/^-?\d+$/.test(match[3]))
    ) {
      throw new Error(
        `response.http.headers.config: cannot parse '${entry}' (use "set Name: value")`,
      );
    }
    return { action, name: match[2], value: match[3] };
  });
}

/** Jetty's StringUtil.csvSplit: trimmed, empty entries dropped, "quoted" commas kept. */
function csvSplit(text: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      entries.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  entries.push(current);
  return entries.map((e) => e.trim()).filter((e) => e !== '');
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
    const value = rule.action.endsWith('Date')
      ? new Date(Date.now() + Number(rule.value)).toUTCString()
      : rule.value;
    const current = reply.getHeader(rule.name);
    if (rule.action.startsWith('add') && current !== undefined) {
      void reply.header(rule.name, [...[current].flat().map(String), value]);
    } else {
      void reply.header(rule.name, value);
    }
  }
}
