import { describe, expect, it } from 'vitest';
import { DatasetError, loadIntentData, parseIntentFile, splitDataset } from './dataset.ts';
import { normalizeMessage } from './normalize.ts';
import { INTENT_IDS } from './intents.ts';

describe('parseIntentFile', () => {
  it('reads intent and examples', () => {
    expect(parseIntentFile('intent: stock\nexamples:\n  - 有货吗\n  - 還有M碼嗎\n', 'stock.yaml')).toEqual([
      { text: '有货吗', intent: 'stock' },
      { text: '還有M碼嗎', intent: 'stock' },
    ]);
  });

  it.each([
    ['intent: stok\nexamples:\n  - 有货吗\n', 'x.yaml:1: 未知的意图 id "stok"'],
    ['# comment\nintent: [a\nexamples: []\n', 'x.yaml:3: YAML 语法有误'],
    ['intent: stock\n', 'x.yaml:1: 缺少 examples 列表'],
    ['examples:\n  - 有货吗\n', 'x.yaml:1: 缺少 intent'],
    ['intent: stock\nexamples:\n  - 有货吗\n  - 12\n', 'x.yaml:4: 每个例句都应是非空的文字'],
    ['- just a list\n', 'x.yaml:1: 应为含 intent 和 examples 的映射'],
  ])('reports %j as file:line', (source, message) => {
    expect(() => parseIntentFile(source, 'x.yaml')).toThrow(DatasetError);
    expect(() => parseIntentFile(source, 'x.yaml')).toThrow(message);
  });
});

describe('the shipped training data', () => {
  const data = loadIntentData();

  it('has at least 25 examples for every intent of the contract', () => {
    for (const intent of INTENT_IDS) expect(data.filter((e) => e.intent === intent).length, intent).toBeGreaterThanOrEqual(25);
  });

  it('never gives the same normalised message two intents', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of data) {
      const key = normalizeMessage(e.text).text;
      const other = seen.get(key);
      if (other !== undefined && other !== e.intent) clashes.push(`${e.text}: ${other} / ${e.intent}`);
      seen.set(key, e.intent);
    }
    expect(clashes).toEqual([]);
  });

  it('is written the way buyers type: traditional characters, emoji and Latin occur', () => {
    expect(data.filter((e) => /[這個還嗎請發貨親]/.test(e.text)).length).toBeGreaterThan(data.length * 0.05);
    expect(data.filter((e) => /\p{Extended_Pictographic}/u.test(e.text)).length).toBeGreaterThan(data.length * 0.05);
    expect(data.filter((e) => /[a-zA-Z]/.test(e.text)).length).toBeGreaterThan(data.length * 0.03);
  });
});

describe('splitDataset', () => {
  const data = loadIntentData();
  const { train, dev } = splitDataset(data);

  it('holds out about 20%, with every intent in both parts', () => {
    expect(dev.length / data.length).toBeGreaterThan(0.17);
    expect(dev.length / data.length).toBeLessThan(0.23);
    for (const intent of INTENT_IDS) {
      expect(dev.some((e) => e.intent === intent), intent).toBe(true);
      expect(train.some((e) => e.intent === intent), intent).toBe(true);
    }
    expect(train.length + dev.length).toBe(data.length);
  });

  it('is deterministic, and adding an example moves no other', () => {
    const again = splitDataset([...data].reverse());
    expect(new Set(again.dev.map((e) => e.text))).toEqual(new Set(dev.map((e) => e.text)));
    const grown = splitDataset([...data, { text: '新加的一条', intent: 'other' }]);
    expect(grown.dev.filter((e) => e.text !== '新加的一条')).toHaveLength(dev.length);
  });
});
