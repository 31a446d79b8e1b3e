// A UTF-16 code unit with no partner: a JSON body may carry one ("\ud800"), a URL cannot.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * One percent-encoded path segment. A lone surrogate becomes `?` (so `%3F`), as Java's UTF-8
 * encoder writes it in Jersey's UriBuilder; encodeURIComponent would throw URIError instead.
 */
export function encodePathSegment(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '?'));
}
