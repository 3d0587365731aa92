// Types for import-floors.cjs (plain JS so that eslint.config.cjs can load it without a TypeScript loader).
export interface Room {
  folder: string;
  floor: number;
  job: string;
  never?: string[];
}
export const ROOMS: readonly Room[];
export function forbiddenFor(room: Room): string[];
