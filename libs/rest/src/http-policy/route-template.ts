/** A registered route as logs and metrics name it. */
export interface RouteTemplate {
  /** The template as clients write it: find-my-way registers a literal colon as `::`. */
  label: string;
  /**
   * A consume stream (`.../records:stream`): its response usually ends when the client leaves,
   * with no `finish`, so onResponse hooks never see it; its connection's close does.
   */
  consumeStream: boolean;
}

// Per route template (a bounded set), so a request costs one lookup, not a replace and a test.
const templates = new Map<string, RouteTemplate>();

/** `registered`: the route as Fastify holds it (`request.routeOptions.url`; none: unmatched). */
export function routeTemplate(registered: string | undefined): RouteTemplate | undefined {
  if (registered === undefined) {
    return undefined;
  }
  let template = templates.get(registered);
  if (template === undefined) {
    const label = registered.replace(/::/g, ':');
    template = { label, consumeStream: label.endsWith('/records:stream') };
    templates.set(registered, template);
  }
  return template;
}
