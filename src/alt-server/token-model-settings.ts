import type { StoredToken, TokenSettings } from './token-model';

/** The client-settable part of a stored token, without undefined keys. */
export function settingsOf(token: StoredToken): TokenSettings {
  const settings: TokenSettings = {
    customRoleIds: [...token.customRoleIds],
    serviceToken: token.serviceToken,
  };
  if (token.defaultApiVersion !== undefined) settings.defaultApiVersion = token.defaultApiVersion;
  if (token.name !== undefined) settings.name = token.name;
  if (token.description !== undefined) settings.description = token.description;
  if (token.role !== undefined) settings.role = token.role;
  if (token.inlineRole !== undefined) settings.inlineRole = structuredClone(token.inlineRole);
  return settings;
}
