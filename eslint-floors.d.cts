// Types for eslint-floors.cjs (plain JS so that eslint.config.cjs can load it without a TypeScript loader).
import type { ESLint } from 'eslint';
import type { Room } from './import-floors.cjs';
export function roomOf(relative: string): Room | undefined;
export function floorViolation(fromFile: string, specifier: string): string | undefined;
export const floorsPlugin: ESLint.Plugin;
