import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScriptsLibrary } from '../dialogue/scripts.ts';
import type { OrderProvider } from '../orders/schema.ts';
import { formatPath, parseYamlWith, YamlFileError, type DataPath, type FileProblem } from '../shop/load.ts';
import type { Shop } from '../shop/schema.ts';
import {
  LinesFileSchema,
  PersonaFileSchema,
  REQUIRED_ACTS,
  ScenarioFileSchema,
  type LinePools,
  type Persona,
  type Scenario,
} from './schema.ts';

/**
 * Loads the trainer's data from scripts-library/personas/: personas.yaml, lines.yaml and
 * scenarios-*.yaml. Every problem is reported as `file:line: message` (like the scripts library
 * and the stories); `checkFacts` then checks the scenarios against the shop and its orders.
 */

export const DEFAULT_PERSONAS_DIR = new URL('../../scripts-library/personas/', import.meta.url).pathname;

export class TrainerDataError extends YamlFileError {
  constructor(file: string, problems: readonly FileProblem[]) {
    super(file, problems);
    this.name = 'TrainerDataError';
  }
}

/** A scenario with where it was written (for errors and reports). */
export type LocatedScenario = Scenario & { file: string; line: number };

export interface TrainerLibrary {
  personas: Persona[];
  scenarios: LocatedScenario[];
  lines: LinePools;
  persona(id: string): Persona | undefined;
  scenario(id: string): LocatedScenario | undefined;
}

const fail = (file: string, problems: FileProblem[]) => new TrainerDataError(file, problems);

function readSource(file: string): string {
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/** Parses one scenarios file (exported for tests of the error messages). */
export function parseScenarioFile(source: string, file: string): LocatedScenario[] {
  const { value, lineOf } = parseYamlWith(ScenarioFileSchema, source, file, fail);
  return value.scenarios.map((s, i) => ({ ...s, file, line: lineOf(['scenarios', i]) }));
}

export function parsePersonaFile(source: string, file: string): Persona[] {
  const { value, lineOf } = parseYamlWith(PersonaFileSchema, source, file, fail);
  const seen = new Set<string>();
  const problems: FileProblem[] = [];
  value.personas.forEach((p, i) => {
    if (seen.has(p.id)) problems.push({ line: lineOf(['personas', i, 'id']), message: `personas[${i}].id: 性格 id "${p.id}" 重复` });
    seen.add(p.id);
  });
  if (problems.length > 0) throw fail(file, problems);
  return value.personas;
}

export function parseLinesFile(source: string, file: string): LinePools {
  const { value, lineOf } = parseYamlWith(LinesFileSchema, source, file, fail);
  const missing = REQUIRED_ACTS.filter((act) => !(act in value.acts));
  if (missing.length > 0) throw fail(file, [{ line: lineOf(['acts']), message: `acts: 缺少模拟器需要的话术池：${missing.join('、')}` }]);
  return value;
}

/** Everything in the folder; all broken files are reported together. */
export function loadTrainerLibrary(dir = DEFAULT_PERSONAS_DIR): TrainerLibrary {
  const errors: string[] = [];
  const attempt = <T>(run: () => T, fallback: T): T => {
    try {
      return run();
    } catch (err) {
      if (err instanceof YamlFileError) {
        errors.push(err.message);
        return fallback;
      }
      throw err;
    }
  };
  const personasFile = join(dir, 'personas.yaml');
  const linesFile = join(dir, 'lines.yaml');
  const personas = attempt(() => parsePersonaFile(readSource(personasFile), personasFile), []);
  const lines = attempt<LinePools>(() => parseLinesFile(readSource(linesFile), linesFile), { acts: {}, side_questions: [] });
  const scenarios: LocatedScenario[] = [];
  const files = readdirSync(dir)
    .filter((f) => /^scenarios-.*\.ya?ml$/.test(f))
    .sort();
  for (const name of files) {
    const file = join(dir, name);
    scenarios.push(...attempt(() => parseScenarioFile(readSource(file), file), []));
  }
  const seen = new Map<string, LocatedScenario>();
  for (const s of scenarios) {
    const earlier = seen.get(s.id);
    if (earlier) errors.push(`${s.file}:${s.line}: 场景 id "${s.id}" 与 ${earlier.file}:${earlier.line} 重复`);
    seen.set(s.id, s);
    s.agenda.forEach((ask, i) => {
      if (ask.act !== undefined && !(ask.act in lines.acts)) errors.push(`${s.file}:${s.line}: agenda[${i}].act: 话术池里没有 "${ask.act}"（见 lines.yaml）`);
    });
  }
  if (errors.length > 0) throw new TrainerDataError(dir, [{ line: 1, message: `\n${errors.join('\n')}` }]);
  if (scenarios.length === 0) throw new TrainerDataError(dir, [{ line: 1, message: '没有场景文件（scenarios-*.yaml）' }]);
  const personaById = new Map(personas.map((p) => [p.id, p]));
  return { personas, scenarios, lines, persona: (id) => personaById.get(id), scenario: (id) => seen.get(id) };
}

/**
 * What YAML cannot see: the scenario's buyer, order, product, variant and other buyer's order
 * must exist in the shop and its orders (the order must be the buyer's, the other order must
 * not), and every ideal line must be a script of the library. Returns `file:line: message` lines.
 */
export async function checkFacts(library: TrainerLibrary, shop: Shop, orders: OrderProvider, scripts: ScriptsLibrary): Promise<string[]> {
  const problems: string[] = [];
  for (const s of library.scenarios) {
    const add = (path: DataPath, message: string) => problems.push(`${s.file}:${s.line}: ${s.id}.${formatPath(path)}: ${message}`);
    const f = s.facts;
    const own = await orders.ordersOf(f.buyer);
    if (own.length === 0) add(['facts', 'buyer'], `演示订单里没有买家 "${f.buyer}"`);
    if (f.order !== undefined && !own.some((o) => o.id === f.order)) add(['facts', 'order'], `订单 ${f.order} 不是买家 ${f.buyer} 的订单`);
    if (f.otherOrder !== undefined && own.some((o) => o.id === f.otherOrder)) add(['facts', 'otherOrder'], `订单 ${f.otherOrder} 是买家自己的订单，应为别人的`);
    const product = f.product === undefined ? undefined : shop.products.find((p) => p.id === f.product);
    if (f.product !== undefined && !product) add(['facts', 'product'], `店铺里没有商品 "${f.product}"`);
    if (product && (f.color !== undefined || f.size !== undefined)) {
      const sku = product.skus.find((k) => (f.color === undefined || k.color === f.color) && (f.size === undefined || k.size === f.size));
      if (!sku) add(['facts'], `商品 ${product.id} 没有 ${f.color ?? ''}${f.size ?? ''} 这个规格`);
    }
    s.agenda.forEach((ask, i) => {
      if (!scripts.get(ask.ideal.script)) add(['agenda', i, 'ideal', 'script'], `话术库里没有 "${ask.ideal.script}"`);
    });
  }
  for (const [i, q] of library.lines.side_questions.entries()) {
    if (!scripts.get(q.ideal.script)) problems.push(`lines.yaml: side_questions[${i}].ideal.script: 话术库里没有 "${q.ideal.script}"`);
  }
  return problems;
}

