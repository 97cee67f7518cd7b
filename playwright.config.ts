import { defineConfig, devices } from '@playwright/test'

/**
 * End-to-end tests drive the real renderer in Debian's Chromium (/usr/bin/chromium — never a downloaded browser)
 * through the web test host, with touch enabled. Each test starts its own host on its own data dir.
 */
export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  // Generous: CI has 2 cores shared by Chromium, the web hosts (the network spec starts six) and two production-cost
  // PIN logins in some flows; a timeout is a hang detector, not a goal.
  timeout: 120_000,
  // The same for a single expectation: a staff login costs a full production scrypt (N=2^17), which on 2 busy
  // cores can take seconds. Waiting longer never passes a wrong screen; it only tells a slow one from a hang.
  expect: { timeout: 15_000 },
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
})
