import { defineConfig } from "vitest/config";

/**
 * Three projects: `unit` (pure code, once) and the storage/integration suite
 * (`*.db.test.ts`) run twice, against embedded SQLite and against PostgreSQL.
 * The postgres project skips itself, saying so, when no server is reachable.
 */
const dbTests = ["src/**/*.db.test.ts", "test/**/*.db.test.ts"];
export default defineConfig({
  test: {
    reporters: ["default", "./test/support/engine-summary-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: [...dbTests, "test/browser/**", "web/**", "**/node_modules/**"],
        },
      },
      { extends: true, test: { name: "sqlite", include: dbTests, env: { BELTROAD_TEST_ENGINE: "sqlite" } } },
      {
        extends: true,
        test: {
          name: "postgres",
          include: dbTests,
          env: { BELTROAD_TEST_ENGINE: "postgres" },
          globalSetup: ["./test/support/postgres-global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.browser.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
