import path from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../../../playwright.config';

/**
 * The conformance config (same global set-up and teardown, same reporters, the hygiene reporter last) with one
 * probe test in place of the suite: it leaks on purpose what the end-of-run H2 scan must find. Only for
 * tests/system/end-of-run-hygiene.spec.ts, against a remote-mode target (no webServer: its command is
 * relative to the repository root).
 */
export default defineConfig({
  ...base,
  testDir: path.join(__dirname),
  testMatch: '*.probe.ts',
});
