import { describe, expect, it } from 'vitest';
import { v3Paths } from './v3-paths';

describe(v3Paths.name, () => {
  it('serves every route under /v3 and /kafka/v3', () => {
    expect(v3Paths('clusters/:cluster_id')).toEqual([
      'v3/clusters/:cluster_id',
      'kafka/v3/clusters/:cluster_id',
    ]);
    expect(v3Paths('')).toEqual(['v3', 'kafka/v3']);
  });
});
