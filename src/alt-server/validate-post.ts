import { badRequest } from './api-problem';
import { DEFAULT_API_VERSION, type TokenSettings } from './token-model';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  checkApiVersion,
  checkBoolean,
  checkRole,
  checkStatements,
  checkStringList,
  checkText,
  type Checked,
} from './validate-fields';

/**
 * Turns a postToken body into token settings, or throws a 400 (rule C5). Unknown fields are ignored
 * (lenient), `null` counts as a wrong type (strict). Without any role information the token gets `reader`.
 */
export function parsePostBody(body: unknown, opts: { omitUnsetFields?: boolean } = {}): TokenSettings {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The request body must be a JSON object describing the token');
  const record = body as Record<string, unknown>;
  const take = <T>(checked: Checked<T>): T => {
    if (!checked.ok) throw badRequest(`Cannot create the token: ${checked.reason}`);
    return checked.value;
  };
  const settings: TokenSettings = {
    customRoleIds: record.customRoleIds === undefined ? [] : take(checkStringList('customRoleIds', record.customRoleIds)),
    serviceToken: record.serviceToken === undefined ? false : take(checkBoolean('serviceToken', record.serviceToken)),
  };
  // Variant omitUnsetFields: no version is assigned, so none is shown.
  if (record.defaultApiVersion !== undefined) settings.defaultApiVersion = take(checkApiVersion(record.defaultApiVersion));
  else if (opts.omitUnsetFields !== true) settings.defaultApiVersion = DEFAULT_API_VERSION;
  if (record.name !== undefined) settings.name = take(checkText('name', record.name, MAX_NAME_LENGTH));
  if (record.description !== undefined) settings.description = take(checkText('description', record.description, MAX_DESCRIPTION_LENGTH));
  if (record.role !== undefined) settings.role = take(checkRole(record.role));
  if (record.inlineRole !== undefined) settings.inlineRole = take(checkStatements(record.inlineRole));
  const noRoleInfo = settings.role === undefined && settings.inlineRole === undefined && settings.customRoleIds.length === 0;
  // Variant omitUnsetFields: the token still acts as a reader (operations.roleOf), it just shows no role.
  if (noRoleInfo && opts.omitUnsetFields !== true) settings.role = 'reader';
  return settings;
}
