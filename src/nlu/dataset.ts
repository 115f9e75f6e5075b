import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { isIntentId, type IntentId } from './intents.ts';
import { yamlSyntaxMessage } from '../text/yaml-message.ts';

export interface LabelledExample {
  text: string;
  intent: IntentId;
}

/** A problem in a training-data file, with its place. */
export class DatasetError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'DatasetError';
  }
}

function lineOf(source: string, offset: number | undefined): number {
  return offset === undefined ? 1 : source.slice(0, offset).split('\n').length;
}

/** Parses one intent file (`intent: id`, `examples: [..]`), reporting file:line for anything wrong. */
export function parseIntentFile(source: string, file: string): LabelledExample[] {
  const doc = parseDocument(source);
  const [firstError] = doc.errors;
  if (firstError) throw new DatasetError(file, firstError.linePos?.[0]?.line ?? 1, yamlSyntaxMessage(firstError));
  const root = doc.contents;
  if (!isMap(root)) throw new DatasetError(file, 1, '应为含 intent 和 examples 的映射');
  const intentNode = root.get('intent', true);
  const intent = isScalar(intentNode) ? String(intentNode.value) : undefined;
  if (intent === undefined) throw new DatasetError(file, 1, '缺少 intent');
  if (!isIntentId(intent)) {
    throw new DatasetError(file, lineOf(source, isScalar(intentNode) ? intentNode.range?.[0] : undefined), `未知的意图 id "${intent}"（见 src/nlu/intents.ts）`);
  }
  const examplesNode = root.get('examples', true);
  if (!isSeq(examplesNode)) throw new DatasetError(file, 1, '缺少 examples 列表');
  return examplesNode.items.map((item) => {
    if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
      throw new DatasetError(file, lineOf(source, isScalar(item) ? item.range?.[0] : undefined), '每个例句都应是非空的文字');
    }
    return { text: item.value, intent };
  });
}

export const DEFAULT_DATA_DIR = new URL('./data/intents/', import.meta.url).pathname;

/** Loads every `*.yaml` intent file of a folder, in file-name order. */
export function loadIntentData(dir = DEFAULT_DATA_DIR): LabelledExample[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  return files.flatMap((f) => parseIntentFile(readFileSync(join(dir, f), 'utf8'), join(dir, f)));
}

/** FNV-1a: a stable hash, so the split never depends on file order or the platform. */
export function stableHash(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export const SPLIT_SEED = 20261123;
export const DEV_RATIO = 0.2;

/**
 * Split with a fixed seed: an example is in the dev set when the seeded hash of its text
 * falls in the first 20% of the hash range. Per intent this gives about 20%, and adding or
 * removing an example never moves another one between the sets.
 */
export function splitDataset(
  examples: readonly LabelledExample[],
  seed = SPLIT_SEED,
  devRatio = DEV_RATIO,
): { train: LabelledExample[]; dev: LabelledExample[] } {
  const train: LabelledExample[] = [];
  const dev: LabelledExample[] = [];
  const cut = devRatio * 2 ** 32;
  for (const e of examples) (stableHash(`${e.intent}\u0000${e.text}`, seed) < cut ? dev : train).push(e);
  return { train, dev };
}
