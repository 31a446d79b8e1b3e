import swc from 'unplugin-swc';
import tsconfigPaths from 'vite-tsconfig-paths';
import { defineConfig } from 'vitest/config';

// Two projects: pure unit specs next to the code, and integration/e2e specs that share
// one real Kafka broker started by test/global-setup.ts. Test files share one module graph
// per worker (isolate: false): importing Nest and the gateway again for each of ~150 files
// was half of the suite's wall time on a 2-core machine.
const plugins = [tsconfigPaths(), swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  plugins,
  test: {
    env: { TZ: 'UTC' },
    // The JSON report is what .ci/run reads for its "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    // Read from the root config only; the pool still gives each project fresh workers.
    poolOptions: { forks: { isolate: false } },
    projects: [
      {
        plugins,
        test: {
          name: 'unit',
          include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        plugins,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e-spec.ts', 'test/**/*.int-spec.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
