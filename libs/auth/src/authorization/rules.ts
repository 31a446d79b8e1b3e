import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Principal } from '../authentication/principal';
import { OPERATIONS, Permission } from './permissions';

const Grant = z
  .object({
    /** Principal names, `role:<role>`, or `*` for any authenticated principal. */
    principals: z.array(z.string().min(1)).min(1),
    operations: z.array(z.enum([...OPERATIONS, '*'])).min(1),
    cluster: z.boolean().default(false),
    /** Literal names, or prefixes ending in `*` (`orders-*`; `*` alone is every topic). */
    topics: z.array(z.string()).default([]),
    groups: z.array(z.string()).default([]),
  })
  .strict();

const RulesFile = z.object({ grants: z.array(Grant) }).strict();

export type Grant = z.output<typeof Grant>;

/** The authorization rules file: a list of grants; whatever no grant allows is denied. */
export class AuthorizationRules {
  constructor(readonly grants: Grant[]) {}

  static parse(text: string, source = 'rules file'): AuthorizationRules {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${source}: ${(error as Error).message}`);
    }
    const parsed = RulesFile.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${source}: ${issue.path.join('.')}: ${issue.message}`);
    }
    return new AuthorizationRules(parsed.data.grants);
  }

  static read(path: string): AuthorizationRules {
    return AuthorizationRules.parse(readFileSync(path, 'utf8'), path);
  }

  allows(principal: Principal, permission: Permission): boolean {
    return this.grants.some(
      (grant) =>
        matchesPrincipal(grant, principal) &&
        (grant.operations.includes('*') || grant.operations.includes(permission.operation)) &&
        matchesResource(grant, permission),
    );
  }
}

/** `role:x` names a role only: a principal whose name is `role:x` does not match it. */
function matchesPrincipal(grant: Grant, principal: Principal): boolean {
  return grant.principals.some((p) =>
    p.startsWith('role:')
      ? principal.roles.includes(p.slice(5))
      : p === '*' || p === principal.name,
  );
}

function matchesResource(grant: Grant, { resource }: Permission): boolean {
  switch (resource.type) {
    case 'cluster':
      return grant.cluster;
    case 'topic':
      return grant.topics.some((pattern) => matchesName(pattern, resource.name));
    case 'group':
      return grant.groups.some((pattern) => matchesName(pattern, resource.name));
  }
}

function matchesName(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}
