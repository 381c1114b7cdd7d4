import { defineConfig } from 'vitest/config';

// Two projects: `node` (unit and route tests on a real database) and `e2e` (the real server in a real browser).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          // Three files at once even on two cores (vitest's default there is one): many files mostly wait — on their
          // own PostgreSQL clusters and child servers, on timers, on the database working in its own process. Each file
          // has its own database (a clone or a PGlite copy), its own temp dirs and free ports, so files do not collide.
          // NODE_WORKERS overrides (e.g. 1 to run them one at a time).
          maxWorkers: Number(process.env.NODE_WORKERS) || 3,
          testTimeout: 120_000,
          // As long as a test: set-ups that sign many people in (scrypt) share the cores with the other files.
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // One file at a time (each starts its own server and Chromium): two at once on two cores was 27 % faster but
          // made the lifecycle's page waits run out once in CI. E2E_WORKERS overrides (e.g. 2 on a bigger machine).
          maxWorkers: Number(process.env.E2E_WORKERS) || 1,
          // Its own group: vitest runs projects with different maxWorkers in separate groups, one after the other.
          sequence: { groupOrder: 1 },
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
