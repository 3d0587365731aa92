import { test } from '../../fixtures';

/**
 * Deliberately leaking probes (never part of the suite; tests/system/end-of-run-hygiene.spec.ts picks one with
 * --grep): each writes, unredacted, into an attachment the whole secret of a token it created, or the configured
 * token. The tests themselves pass: only the end-of-run H2 scan can turn the run red.
 */
const PROBES = [
  { title: 'probe leaks an issued secret', pick: (created: string): string => created },
  { title: 'probe leaks the configured token', pick: (_created: string, configured: string): string => configured },
  { title: 'probe leaks nothing', pick: (created: string): string => `***${created.slice(-4)}` },
];

for (const probe of PROBES) {
  test(probe.title, async ({ tokens, suiteConfig }, testInfo) => {
    const created = await tokens.create();
    const text = probe.pick(created.secret, suiteConfig.accessToken);
    await testInfo.attach('probe-evidence.txt', { body: Buffer.from(`evidence: ${text}\n`), contentType: 'text/plain' });
  });
}
