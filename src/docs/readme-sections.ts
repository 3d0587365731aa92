/**
 * Replaces the body of a generated README section, between
 * `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->`, keeping the markers.
 */
export class ReadmeSectionError extends Error {
  override name = 'ReadmeSectionError';
}

export function beginMarker(name: string): string {
  return `<!-- BEGIN GENERATED: ${name} -->`;
}

export function endMarker(name: string): string {
  return `<!-- END GENERATED: ${name} -->`;
}

export function hasSection(text: string, name: string): boolean {
  return text.includes(beginMarker(name)) && text.includes(endMarker(name));
}

export function replaceSection(text: string, name: string, body: string): string {
  const begin = beginMarker(name);
  const end = endMarker(name);
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start === -1 || stop === -1) throw new ReadmeSectionError(`README has no "${name}" section (markers ${begin} … ${end})`);
  if (stop < start) throw new ReadmeSectionError(`README's "${name}" END marker comes before its BEGIN marker`);
  if (text.indexOf(begin, start + begin.length) !== -1) throw new ReadmeSectionError(`README has two "${name}" BEGIN markers`);
  return `${text.slice(0, start + begin.length)}\n${body.trim()}\n${text.slice(stop)}`;
}

/** The body between a section's markers, trimmed; '' when the section is absent. */
export function readSection(text: string, name: string): string {
  const start = text.indexOf(beginMarker(name));
  const stop = text.indexOf(endMarker(name));
  if (start === -1 || stop === -1 || stop < start) return '';
  return text.slice(start + beginMarker(name).length, stop).trim();
}
