// Reads every PromQL expression of the Grafana dashboard; shared by check-dashboard.mjs (promtool)
// and the e2e test that checks each queried metric is exported.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DASHBOARD = fileURLToPath(
  new URL('../deploy/grafana/dashboards/kafka-http-gateway.json', import.meta.url),
);

/** Expressions with Grafana's interval variables replaced by a literal, so Prometheus parses them. */
export function dashboardExpressions() {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
  return dashboard.panels.flatMap((panel) =>
    panel.targets.map((target) => target.expr.replaceAll(/\$__(rate_)?interval/g, '1m')),
  );
}

/** Metric names referenced by the expressions (ours, Node's and the process's). */
export function dashboardMetricNames() {
  const names = dashboardExpressions().flatMap((expr) =>
    [...expr.matchAll(/\b((?:gateway|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1]),
  );
  return [...new Set(names)].sort();
}
