import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency rules of DESIGN.md, checked on the import statements.
const root = resolve(new URL('..', import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(root, path));
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Top-level kefu folders (e.g. src/compliance) that a file imports. */
function importedAreas(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/gm)].map((m) => m[1]!);
  return specs.map((spec) => {
    const target = relative(root, resolve(file, '..', spec)).split('/');
    return target[0] === 'src' ? `src/${target[1]}` : target[0]!;
  });
}

const leafRules: Record<string, string[]> = {
  // May import only themselves and the shared text utilities.
  'src/text': ['src/text'],
  'src/compliance': ['src/compliance', 'src/text'],
  'src/nlu': ['src/nlu', 'src/text'],
};

describe('dependency rules', () => {
  for (const [area, allowed] of Object.entries(leafRules)) {
    it(`${area} imports only ${allowed.join(', ')}`, () => {
      for (const file of sourceFiles(area)) {
        for (const imported of importedAreas(file)) {
          expect(allowed, `${relative(root, file)} imports ${imported}`).toContain(imported);
        }
      }
    });
  }
});

describe('src/trainer is a client of the engine and the linter', () => {
  it('knows no HTTP and no database (no src/server, src/store, src/cli; no express)', () => {
    const files = sourceFiles('src/trainer');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const imported of importedAreas(file)) {
        expect(['src/server', 'src/store', 'src/cli'], `${relative(root, file)} imports ${imported}`).not.toContain(imported);
      }
      expect(readFileSync(file, 'utf8'), relative(root, file)).not.toMatch(/from\s+['"](express|pg|better-sqlite3|ioredis)['"]/);
    }
  });
});
