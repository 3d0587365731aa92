'use strict';
// A local lint rule that keeps ARCHITECTURE.md's floors (import-floors.cjs): an import may not reach a
// folder on the importer's floor or above, nor one on its `never` list. ESLint's own no-restricted-imports
// matches the specifier as written, and every import here is relative ('../session/x', '../../src/session'),
// so the same target is spelled differently from each file; this rule resolves the specifier first.
const path = require('node:path');
const { ROOMS, forbiddenFor } = require('./import-floors.cjs');

const ROOT = __dirname;

/** The room a repo-relative path belongs to (the longest folder that contains it), or undefined. */
function roomOf(relative) {
  const posix = relative.split(path.sep).join('/');
  return ROOMS.filter((room) => posix === room.folder || posix.startsWith(`${room.folder}/`)).sort(
    (a, b) => b.folder.length - a.folder.length,
  )[0];
}

/** Why `fromFile` may not import `specifier`, or undefined when it may. Both repo-relative or absolute. */
function floorViolation(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined; // packages and node built-ins are not rooms
  const absoluteFrom = path.resolve(ROOT, fromFile);
  const from = roomOf(path.relative(ROOT, absoluteFrom));
  const to = roomOf(path.relative(ROOT, path.resolve(path.dirname(absoluteFrom), specifier)));
  if (!from || !to || from.folder === to.folder) return undefined;
  if (!forbiddenFor(from).includes(to.folder)) return undefined;
  const why = (from.never ?? []).includes(to.folder) ? 'never imports' : `floor ${to.floor} is not below floor ${from.floor}`;
  return `${from.folder} may not import ${to.folder} (${why}; ARCHITECTURE.md, import-floors.cjs)`;
}

const noUpwardImport = {
  meta: { type: 'problem', docs: { description: "imports follow ARCHITECTURE.md's floors" }, schema: [] },
  create(context) {
    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const message = floorViolation(context.filename, source.value);
      if (message) context.report({ node: source, message });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

const floorsPlugin = { rules: { 'no-upward-import': noUpwardImport } };

module.exports = { roomOf, floorViolation, floorsPlugin };
