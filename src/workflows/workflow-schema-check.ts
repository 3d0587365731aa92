import { register } from 'node:module';

/**
 * GitHub's own workflow schema check, offline: `@actions/workflow-parser` (the parser behind GitHub's
 * Actions language service) validates a workflow file against the workflow schema it ships, then
 * converts it (which catches e.g. bad cron strings and `needs` naming unknown jobs).
 *
 * The package is ESM-only and imports its schema JSON without `with { type: 'json' }` (it is written
 * for bundlers). tsx tolerates that, plain Node's ESM loader (used under Playwright's runner) does
 * not, so a tiny resolve hook adds the attribute for JSON files imported by that package only.
 */
export interface SchemaFinding {
  file: string;
  message: string;
}

const JSON_ATTRIBUTE_HOOK = `
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (result.url.endsWith('.json') && String(context.parentURL).includes('/@actions/workflow-parser/')) {
    return { ...result, importAttributes: { ...context.importAttributes, type: 'json' } };
  }
  return result;
}`;

let hookRegistered = false;

function registerJsonAttributeHook(): void {
  if (hookRegistered) return;
  hookRegistered = true;
  register(`data:text/javascript,${encodeURIComponent(JSON_ATTRIBUTE_HOOK)}`);
}

export async function checkWorkflowSchema(file: string, content: string): Promise<SchemaFinding[]> {
  registerJsonAttributeHook();
  const parser = await import('@actions/workflow-parser');
  const trace = new parser.NoOperationTraceWriter();
  const parsed = parser.parseWorkflow({ name: file, content }, trace);
  if (parsed.value !== undefined && parsed.context.errors.getErrors().length === 0) {
    await parser.convertWorkflowTemplate(parsed.context, parsed.value);
  }
  return parsed.context.errors.getErrors().map((error) => ({ file, message: error.message }));
}
