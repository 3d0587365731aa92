import { randomBytes } from 'node:crypto';

/**
 * Ids that name no token (rule A6): malformed ones and well-formed unknown ones. Any string is an id to a
 * black-box client; the answer is 404 on getToken, patchToken, deleteToken and resetToken, never 400 or 5xx.
 * The random ones are drawn per call, so a repeated run never depends on one value.
 */
export function unknownIds(): { given: string; id: string }[] {
  return [
    { given: 'a malformed id', id: 'not-a-token-id' },
    { given: 'an id of 24 zeros', id: '0'.repeat(24) },
    { given: 'a random well-formed id', id: randomBytes(12).toString('hex') },
    { given: 'a 300-character id', id: 'x'.repeat(300) },
    { given: 'an id with URL-special characters', id: 'a b?c#d&e=f' },
    { given: 'a non-ASCII id', id: 'tökén-ïd' },
  ];
}
