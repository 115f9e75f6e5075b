import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

/**
 * Word segmentation by jieba (@node-rs/jieba: the Rust port, its prebuilt binary ships inside
 * the npm package). The dictionary takes ~0.2 s to load, so it is loaded on the first call,
 * once per process; a cut then costs a couple of microseconds.
 */
let jieba: Jieba | undefined;

function segmenter(): Jieba {
  if (jieba) return jieba;
  // createRequire: the package is CommonJS with a native addon.
  const require = createRequire(import.meta.url);
  const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
  jieba = JiebaClass.withDict(dict);
  return jieba;
}

/**
 * The words of a normalised message, spaces dropped. HMM is on, so words the dictionary lacks
 * (木有, 咋整) still come out whole.
 */
export function wordsOf(text: string): string[] {
  if (text === '') return [];
  return segmenter()
    .cut(text, true)
    .filter((w) => w.trim() !== '');
}
