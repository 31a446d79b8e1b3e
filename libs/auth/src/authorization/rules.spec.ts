import { describe, expect, it } from 'vitest';
import { AuthorizationRules } from './rules';

const rules = new AuthorizationRules([
  {
    principals: ['role:ops'],
    operations: ['admin-read'],
    cluster: true,
    topics: [],
    groups: [],
  },
]);
const read = { operation: 'admin-read' as const, resource: { type: 'cluster' as const } };

describe(AuthorizationRules.name, () => {
  it('matches `role:x` against roles only, never against a principal named "role:x"', () => {
    expect(rules.allows({ name: 'carol', roles: ['ops'], method: 'bearer' }, read)).toBe(true);
    expect(rules.allows({ name: 'role:ops', roles: [], method: 'bearer' }, read)).toBe(false);
  });
});
