// Jackson's StreamReadConstraints default (2.15+), which kafka-rest's mapper applies.
const MAX_NESTING_DEPTH = 1000;
// Valid JSON deeper than the limit has at least this many brackets.
const SHORTEST_TOO_DEEP = 2 * (MAX_NESTING_DEPTH + 1);

/**
 * Throws for valid JSON text nested deeper than Jackson allows, in Jackson's words. Deeper
 * values would also overflow the stack of the JSON writers that send them on.
 */
export function checkJsonNesting(text: string): void {
  if (text.length < SHORTEST_TOO_DEEP) {
    return;
  }
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) {
        i++;
      } else if (c === 34 /* " */) {
        inString = false;
      }
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_NESTING_DEPTH) {
        throw new Error(
          `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
        );
      }
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
    }
  }
}
