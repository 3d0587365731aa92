import { validateHeaderValue } from 'node:http';
import type { ApiResult, SendOptions } from '../../src/client/api-client';
import type { SuiteApi } from '../../src/session/suite-api';
import { test, expect } from '../fixtures';
import { expectStatusSoft } from '../support/assertions';
import { writes } from '../support/rules';
import { asToken } from '../../src/session/token-types';

/**
 * The hostile-input campaign (issue 26.4), LD_HOSTILE_INPUTS=0 turns it off. Two families:
 *
 * - Credentials (rule A1: the token goes raw in `Authorization`, anything else is an unknown token → 401): a
 *   near-miss of a live secret — another letter case, a character changed, whitespace inside, the secret a reset
 *   replaced with one character changed — is never accepted (401 only). A live secret behind a scheme word
 *   (`Bearer`, `token`, `Basic`) is 401, or accepted as that secret (docs/leniency.md: nothing public says whether
 *   LaunchDarkly strips a scheme word; the secret is the right one either way), never a 5xx (A7).
 *   Control characters: Node's HTTP client refuses to send most of them; such a value is annotated `not-sent`
 *   (visible in the report), never counted as passed.
 * - Names and bodies (rule A7): ill-formed Unicode (a lone surrogate, escaped and as raw bytes), overlong UTF-8, NUL,
 *   bidi and zero-width characters, a very long value, Content-Type charset variants and octet-stream: 201 or a documented
 *   400, never a 5xx. What an accepted name reads back as is not judged (a server may replace what it cannot store).
 *
 * Budget: 53 requests against the embedded server (14 credentials on getTokens, one reset, 19 postTokens and the
 * deletes of what they created; 6 values Node refuses are not sent), all read-only or
 * on tokens of this run (H1): every 201 is deleted by the token factory.
 */

export const NOT_SENT_ANNOTATION = 'not-sent';

/** The secret with the letter case of its first letter that has one swapped; null when it has no letter. */
function swapOneLetterCase(secret: string): string | null {
  const index = secret.search(/[a-zA-Z]/);
  if (index < 0) return null;
  const ch = secret.charAt(index);
  const swapped = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
  return `${secret.slice(0, index)}${swapped}${secret.slice(index + 1)}`;
}

/** The secret with its last character changed (to another character of the same kind, so the form stays). */
function changeOneCharacter(secret: string): string {
  const last = secret.charAt(secret.length - 1);
  const other = /\d/.test(last) ? String((Number(last) + 1) % 10) : last === 'a' ? 'b' : 'a';
  return `${secret.slice(0, -1)}${other}`;
}

interface Attempt {
  what: string;
  value: string;
}

/** Near-misses of a live secret: none may authenticate. */
function nearMisses(secret: string): Attempt[] {
  const middle = Math.floor(secret.length / 2);
  const attempts: Attempt[] = [
    { what: 'the secret in upper case', value: secret.toUpperCase() },
    { what: 'the secret in lower case', value: secret.toLowerCase() },
    { what: 'one letter in the other case', value: swapOneLetterCase(secret) ?? secret },
    { what: 'the last character changed', value: changeOneCharacter(secret) },
    { what: 'a space inside', value: `${secret.slice(0, middle)} ${secret.slice(middle)}` },
    { what: 'a tab inside', value: `${secret.slice(0, middle)}\t${secret.slice(middle)}` },
    { what: 'the secret without its last character', value: secret.slice(0, -1) },
    { what: 'the secret twice', value: `${secret}${secret}` },
  ];
  // A variant equal to the secret (a secret with no letters) is no near-miss.
  return attempts.filter((attempt) => attempt.value !== secret);
}

/** The live secret behind a scheme word: 401, or accepted as the secret itself (leniency). */
function schemeWords(secret: string): Attempt[] {
  return [
    { what: 'Bearer <secret>', value: `Bearer ${secret}` },
    { what: 'bearer <secret>', value: `bearer ${secret}` },
    { what: 'token <secret>', value: `token ${secret}` },
    { what: 'Basic base64(<secret>:)', value: `Basic ${Buffer.from(`${secret}:`).toString('base64')}` },
  ];
}

/** Header values with control and non-Latin-1 characters: many never leave Node. */
function controlCharacters(secret: string): Attempt[] {
  return [
    { what: 'a line feed after the secret', value: `${secret}\n` },
    { what: 'a header injection (CR LF X-Injected)', value: `${secret}\r\nX-Injected: 1` },
    { what: 'a NUL after the secret', value: `${secret}\u0000` },
    { what: 'a BEL inside', value: `${secret.slice(0, 4)}\u0007${secret.slice(4)}` },
    { what: 'DEL after the secret', value: `${secret}\u007f` },
    { what: 'a zero-width space after the secret', value: `${secret}\u200b` },
    { what: 'a no-break space (Latin-1) after the secret', value: `${secret}\u00a0` },
  ];
}

function annotateNotSent(attempt: Attempt, why: string): null {
  test.info().annotations.push({
    type: NOT_SENT_ANNOTATION,
    description: `Authorization with ${attempt.what}: the HTTP client refuses to send it, so the target was not asked (${why.slice(0, 160)})`,
  });
  return null;
}

/** Sends getTokens with this Authorization value; null when the HTTP client refuses to send it (annotated). */
async function sendCredential(api: SuiteApi, attempt: Attempt): Promise<ApiResult | null> {
  // Node's own check of a header value, the one its HTTP client applies: asked first, so a refused value is not
  // retried as a network error on a remote target.
  try {
    validateHeaderValue('authorization', attempt.value);
  } catch (error) {
    return annotateNotSent(attempt, error instanceof Error ? error.message : String(error));
  }
  // A value Node accepts but the transport still fails on is a real failure: it propagates.
  return api.send('getTokens', { token: attempt.value, query: { limit: 1 } });
}

// @hostile: its own capability, so the bench counts its requests apart from the example suite's (issue 30).
test.describe('hostile inputs', { tag: '@hostile' }, () => {
  test.beforeEach(({ suiteConfig }) => {
    test.skip(!suiteConfig.hostileInputs, 'LD_HOSTILE_INPUTS=0: the hostile-input campaign is off for this target');
  });

  test(
    'near-miss secrets, scheme words and control characters in Authorization are never accepted as someone else',
    writes('A1', 'A7', 'G2'),
    async ({ api, tokens }) => {
      const live = await tokens.create();
      const reset = await api.send('resetToken', { id: live.id });
      expectStatusSoft(reset, 200, 'resetToken');
      const current = asToken(reset.json(), 'resetToken 200').token;
      expect(typeof current === 'string' && current.length > 4, 'resetToken issued a whole secret').toBe(true);
      const secret = String(current);

      let sent = 0;
      const judge = async (attempt: Attempt, allowed: readonly number[]): Promise<void> => {
        const result = await sendCredential(api, attempt);
        if (result === null) return;
        sent++;
        expectStatusSoft(result, allowed, `getTokens with Authorization ${attempt.what}`);
      };
      for (const attempt of nearMisses(secret)) await judge(attempt, [401]);
      // The secret the reset replaced, itself and with one character changed: dead either way (G2, A1).
      await judge({ what: 'the secret a reset replaced', value: live.secret }, [401]);
      await judge({ what: 'the replaced secret with one character changed', value: changeOneCharacter(live.secret) }, [401]);
      for (const attempt of schemeWords(secret)) await judge(attempt, [200, 401]);
      for (const attempt of controlCharacters(secret)) await judge(attempt, [401]);
      // Most of them reached the target: the campaign is not a list of refusals.
      expect(sent, 'credential attempts the target answered').toBeGreaterThanOrEqual(14);
    },
  );

  test(
    'ill-formed Unicode, NUL, bidi and zero-width characters and very long names get 201 or 400, never a 5xx',
    writes('A7', 'C5'),
    async ({ api, tokens }) => {
      const name = (label: string, tail: string): string => `${tokens.newName(label)}${tail}`;
      const viaJson: [string, string][] = [
        // JSON.stringify escapes a lone surrogate as \ud800: the server's JSON parser meets the escape.
        ['a lone high surrogate', name('lone-high', '\ud800')],
        ['a lone low surrogate', name('lone-low', '\udc00x')],
        ['a NUL', name('nul', '\u0000x')],
        ['right-to-left override and isolate', name('bidi', '\u202egnp.exe\u2066x\u2069')],
        ['zero-width space, joiner and BOM', name('zero-width', '\u200b\u200d\ufeff')],
        ['combining marks on nothing', name('combining', '\u0301\u0301\u0301')],
        ['a name of 100 000 characters', name('long', 'x'.repeat(100_000))],
      ];
      for (const [what, value] of viaJson) {
        expectStatusSoft(
          await api.send('postToken', { body: { name: value, role: 'reader' } }),
          [201, 400],
          `postToken with ${what} in the name`,
        );
      }
      expectStatusSoft(
        await api.send('postToken', { body: { name: tokens.newName('description'), role: 'reader', description: 'a\ud800b\u202e\u0000' } }),
        [201, 400],
        'postToken with a lone surrogate, an override and a NUL in the description',
      );

      // Raw bytes, as no JSON encoder writes them: the server's UTF-8 decoder meets them.
      const raw = (label: string, bytes: number[]): Buffer =>
        Buffer.concat([Buffer.from(`{"role":"reader","name":"${tokens.newName(label)}`), Buffer.from(bytes), Buffer.from('"}')]);
      const viaBytes: [string, Buffer][] = [
        ['a lone surrogate encoded as UTF-8 bytes (ED A0 80)', raw('raw-surrogate', [0xed, 0xa0, 0x80])],
        ['an overlong "/" (C0 AF)', raw('overlong', [0xc0, 0xaf])],
        ['an overlong NUL (C0 80)', raw('overlong-nul', [0xc0, 0x80])],
        ['a raw NUL byte inside the string', raw('raw-nul', [0x00])],
        ['a truncated sequence (E2 82)', raw('truncated', [0xe2, 0x82])],
      ];
      for (const [what, body] of viaBytes) {
        expectStatusSoft(await api.send('postToken', { rawBody: body }), [201, 400], `postToken with ${what} in the name`);
      }
    },
  );

  test('Content-Type charset variants and none get 201 or 400, never a 5xx', writes('A7', 'C1'), async ({ api, tokens }) => {
    const variants: [string, string | null][] = [
      ['application/json; charset=utf-8', 'application/json; charset=utf-8'],
      ['application/json; charset=UTF-8', 'application/json; charset=UTF-8'],
      ['application/json;charset="utf-8"', 'application/json;charset="utf-8"'],
      ['application/json; charset=iso-8859-1', 'application/json; charset=iso-8859-1'],
      ['application/json; charset=utf-16', 'application/json; charset=utf-16'],
      // Playwright gives a body without a Content-Type `application/octet-stream`: the closest to none it sends.
      ['no Content-Type set by the suite (application/octet-stream)', null],
    ];
    for (const [what, contentType] of variants) {
      const body: SendOptions = { rawBody: JSON.stringify(tokens.withDefaults({ name: tokens.newName('charset') })), contentType };
      expectStatusSoft(await api.send('postToken', body), [201, 400], `postToken with ${what}`);
    }
  });
});
