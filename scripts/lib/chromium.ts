// Debian's Chromium as the browser suites and the frontend example start it. Test tools may not
// download browsers here; `.ci/run` installs the `chromium` package.

/** Where Chromium is: Debian's binary, or `CHROMIUM_PATH`. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless, no sandbox (root in CI), and without the background networking that keeps dialling
 * Google's hosts, which this machine's closed network refuses. Each launch also gets a fresh
 * `--user-data-dir` (playwright's persistent context takes it as its first argument).
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
