/** A media type a resource produces, with the server's quality (Jersey's `qs`). */
export interface ProducedType<T> {
  value: T;
  type: string;
  subtype: string;
  qs: number;
}

interface AcceptRange {
  type: string;
  subtype: string;
  q: number;
}

/**
 * Jersey's choice among produced types for an `Accept` header (MethodSelectingRouter and
 * CombinedMediaType): every acceptable range is combined with every produced type it matches;
 * the best combination has the higher client q, then the higher server qs, then the fewer
 * wildcards (the combined type is always the concrete produced one, so specificity never
 * decides); a tie keeps the first, in Accept order. No Accept means any type. Undefined: no
 * match (406). `refuseZeroQ`: a range with q=0 admits nothing, as HTTP says (our own
 * resources; Jersey combines it like any other).
 */
export function negotiateMediaType<T>(
  accept: string | undefined,
  produced: readonly ProducedType<T>[],
  options: { refuseZeroQ?: boolean } = {},
): ProducedType<T> | undefined {
  let best: { p: ProducedType<T>; q: number; d: number } | undefined;
  for (const range of acceptableRanges(accept)) {
    if (options.refuseZeroQ === true && range.q === 0) {
      continue;
    }
    for (const p of produced) {
      if (!compatible(range, p)) {
        continue;
      }
      const d = Number(range.type === '*') + Number(range.subtype === '*');
      if (
        best === undefined ||
        range.q > best.q ||
        (range.q === best.q && (p.qs > best.p.qs || (p.qs === best.p.qs && d < best.d)))
      ) {
        best = { p, q: range.q, d };
      }
    }
  }
  return best?.p;
}

/** The ranges of an Accept header, by descending q (a stable sort, as Jersey's). */
function acceptableRanges(accept: string | undefined): AcceptRange[] {
  const ranges = (accept ?? '')
    .split(',')
    .map(parseRange)
    .filter((r): r is AcceptRange => r !== undefined);
  if (ranges.length === 0) {
    return [{ type: '*', subtype: '*', q: 1 }];
  }
  return ranges.sort((a, b) => b.q - a.q);
}

function parseRange(text: string): AcceptRange | undefined {
  const [mediaType, ...params] = text.split(';');
  const match = /^\s*([^\s/]+)\/([^\s/]+)\s*$/.exec(mediaType);
  if (match === null) {
    return undefined;
  }
  let q = 1;
  for (const param of params) {
    const [name, value] = param.split('=').map((s) => s.trim());
    if (name.toLowerCase() === 'q' && value !== undefined) {
      const n = Number(value);
      q = Number.isFinite(n) && n >= 0 && n <= 1 ? n : q;
    }
  }
  return { type: match[1].toLowerCase(), subtype: match[2].toLowerCase(), q };
}

function compatible(range: AcceptRange, p: ProducedType<unknown>): boolean {
  return (
    range.type === '*' ||
    (range.type === p.type && (range.subtype === '*' || range.subtype === p.subtype))
  );
}
