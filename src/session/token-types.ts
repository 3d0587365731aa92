/**
 * The shapes the suite reads from responses. Schema conformance is judged by the contract checks on every
 * exchange; these guards only give the tests typed access and fail with a clear one-line message when a body
 * is not even the rough shape a test needs (so a broken server gives a readable failure, not a TypeError).
 */

export type TokenRole = 'reader' | 'writer' | 'admin';

export interface StatementPost {
  effect: 'allow' | 'deny';
  resources?: string[];
  notResources?: string[];
  actions?: string[];
  notActions?: string[];
}

export interface AccessTokenPost {
  name?: string;
  description?: string;
  role?: TokenRole;
  customRoleIds?: string[];
  inlineRole?: StatementPost[];
  serviceToken?: boolean;
  defaultApiVersion?: number;
}

export interface LinkRep {
  href?: string;
  type?: string;
}

export interface TokenRep {
  _id: string;
  ownerId?: unknown;
  memberId?: unknown;
  name?: unknown;
  description?: unknown;
  role?: unknown;
  customRoleIds?: unknown;
  inlineRole?: unknown;
  serviceToken?: unknown;
  defaultApiVersion?: unknown;
  token?: unknown;
  creationDate?: unknown;
  lastModified?: unknown;
  lastUsed?: unknown;
  _links?: unknown;
  _member?: unknown;
  [key: string]: unknown;
}

export interface TokenListRep {
  items: TokenRep[];
  totalCount?: unknown;
  [key: string]: unknown;
}

/** Thrown when a body lacks the bare minimum a test needs to go on. */
export class UnexpectedBodyError extends Error {
  override name = 'UnexpectedBodyError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Token body with a string `_id`; `context` names the call in the error. */
export function asToken(value: unknown, context: string): TokenRep {
  if (!isRecord(value) || typeof value._id !== 'string' || value._id === '') {
    throw new UnexpectedBodyError(`${context}: expected a Token body with a string _id, got ${describe(value)}`);
  }
  return value as TokenRep;
}

/** A Tokens body whose `items` is an array of objects with string `_id`s. */
export function asTokenList(value: unknown, context: string): TokenListRep {
  if (!isRecord(value) || !Array.isArray(value.items)) {
    throw new UnexpectedBodyError(`${context}: expected a Tokens body with an items array, got ${describe(value)}`);
  }
  const items = value.items.map((item, index) => asToken(item, `${context} items[${index}]`));
  return { ...value, items };
}

/** A number that is an epoch-milliseconds timestamp, or a clear error. */
export function asMillis(value: unknown, context: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new UnexpectedBodyError(`${context}: expected integer epoch milliseconds, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'no JSON body';
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
