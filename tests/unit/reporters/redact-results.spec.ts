import { expect, test } from '@playwright/test';
import type { TestResult, TestStep } from '@playwright/test/reporter';
import { redactTestResult } from '../../../src/reporters/redact-results';

const SECRET = 'api-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
// What playwright-core's fetch writes into a failed request's call log (one line per request header).
const CALL_LOG = `TimeoutError: apiRequestContext.fetch: Timeout 5000ms exceeded.\nCall log:\n\u001b[2m  - → PATCH http://127.0.0.1:1/api/v2/tokens/x\u001b[22m\n\u001b[2m    - authorization: ${SECRET}\u001b[22m\n\u001b[2m    - content-type: application/json\u001b[22m\n`;

function step(title: string, error: string | undefined, steps: TestStep[] = []): TestStep {
  return { title, error: error === undefined ? undefined : { message: error, stack: error }, steps } as unknown as TestStep;
}

test('a pw:api step error with a call log loses the Authorization value; the rest of the log stays', () => {
  const result = { errors: [], steps: [step('outer', undefined, [step('PATCH', CALL_LOG)])] } as unknown as TestResult;
  expect(redactTestResult(result)).toBe(2);
  const message = result.steps[0]?.steps[0]?.error?.message ?? '';
  expect(message).not.toContain(SECRET.slice(0, -4));
  expect(message).toContain('authorization: ***');
  expect(message).toContain('content-type: application/json');
});

test('result errors are redacted too, and a clean result is left as it is', () => {
  const result = { errors: [{ message: `x authorization: ${SECRET}` }], steps: [step('GET', 'no secret here')] } as unknown as TestResult;
  expect(redactTestResult(result)).toBe(1);
  expect(result.errors[0]?.message).not.toContain(SECRET.slice(0, -4));
  expect(result.steps[0]?.error?.message).toBe('no secret here');
});
