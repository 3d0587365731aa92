/**
 * summary.json's `target`: where the run's requests went, for a history of nights that must not compare staging with
 * a laptop. The host of LD_BASE_URL only (hostname[:port], as `URL.host` gives it: no userinfo, path or query) —
 * never the token. The host is no secret to this suite: every curl line and HTML report already names it.
 */
import { envValue } from './env-values';
import type { RunTarget } from '../domain/run-summary';

/**
 * `merged`: merge-reports has no target of its own; without LD_BASE_URL there it does not know where the shards'
 * requests went (null), which is not the embedded server. A bad LD_BASE_URL: null (the configuration refused it).
 */
export function readRunTarget(env: NodeJS.ProcessEnv, options: { merged?: boolean } = {}): RunTarget | null {
  const raw = envValue(env, 'LD_BASE_URL');
  if (raw === undefined) return options.merged ? null : { kind: 'embedded', host: null };
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? { kind: 'remote', host: url.host } : null;
  } catch {
    return null;
  }
}
