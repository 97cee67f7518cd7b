import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // better-sqlite3 is a native addon: separate processes keep each test file's handles apart.
    pool: 'forks',
    testTimeout: 20_000,
  },
})
