import type { Edit } from './schema.ts';

/**
 * Applies edits that do not overlap, in text order; an edit overlapping an earlier one
 * is left for the next pass (as ESLint does). Returns the new text and how many were applied.
 */
export function applyEdits(text: string, edits: readonly Edit[]): { output: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let output = '';
  let cursor = 0;
  let applied = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) continue;
    output += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
    applied++;
  }
  return { output: output + text.slice(cursor), applied };
}
