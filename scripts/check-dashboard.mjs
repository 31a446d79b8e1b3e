#!/usr/bin/env node
// Validates every PromQL expression of the Grafana dashboard with promtool (Debian's
// `prometheus` package): each becomes a recording rule and `promtool check rules` parses it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardExpressions } from './dashboard-queries.mjs';

const expressions = dashboardExpressions();
const rules = [
  'groups:',
  '  - name: dashboard',
  '    rules:',
  ...expressions.flatMap((expr, i) => [
    `      - record: dashboard:expr_${i}`,
    `        expr: ${JSON.stringify(expr)}`,
  ]),
].join('\n');
const file = join(mkdtempSync(join(tmpdir(), 'dashboard-')), 'rules.yml');
writeFileSync(file, `${rules}\n`);
execFileSync('promtool', ['check', 'rules', file], { stdio: 'inherit' });
console.log(`promtool accepted all ${expressions.length} dashboard expressions`);
