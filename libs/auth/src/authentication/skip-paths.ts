/** `authentication.skip.paths` entries: exact paths, or prefixes written `/prefix/*`. */
export function isSkipped(url: string, skipPaths: string[]): boolean {
  const path = url.split('?')[0];
  return skipPaths.some((entry) =>
    entry.endsWith('/*')
      ? path === entry.slice(0, -2) || path.startsWith(entry.slice(0, -1))
      : path === entry,
  );
}
