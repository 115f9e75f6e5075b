import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClassificationSchema, createClassifier } from './classifier.ts';
import { loadIntentData, splitDataset } from './dataset.ts';
import { defaultClassifier } from './default-classifier.ts';
import { evaluate } from './metrics.ts';
import { isIntentId } from './intents.ts';

const classifier = defaultClassifier();

describe('classify', () => {
  it('returns the contract shape', () => {
    const result = classifier.classify('还有M码吗');
    expect(ClassificationSchema.parse(result)).toEqual(result);
    expect(result.ranking.length).toBeLessThanOrEqual(3);
    expect(result.ranking.map((r) => r.confidence)).toEqual([...result.ranking.map((r) => r.confidence)].sort((a, b) => b - a));
  });

  it('splits a multi-ask message: primary bargain, secondary shipping fee, greeting dropped', () => {
    const result = classifier.classify('在吗 能便宜点吗 包邮吗');
    expect(result.intent).toBe('bargain_generic');
    expect(result.secondary).toContain('shipping_fee');
    expect(result.secondary).not.toContain('greeting');
  });

  it('keeps a lone greeting a greeting', () => {
    expect(classifier.classify('在吗').intent).toBe('greeting');
  });

  it('answers other for what it cannot place rather than guessing', () => {
    for (const text of ['qwpoeiruty zmxncbv', '今天天气怎么样', '🙂🙂🙂', '']) expect(classifier.classify(text).intent, text).toBe('other');
  });

  it('reads traditional characters, full-width forms and emoji', () => {
    expect(classifier.classify('請問還有Ｍ碼嗎😊').intent).toBe('stock');
    expect(classifier.classify('什麼時候發貨啊').intent).toBe('shipping_time');
  });

  it('lets an exact rule decide', () => {
    const result = classifier.classify('快点给我转人工');
    expect(result).toMatchObject({ intent: 'human', source: 'rule' });
    expect(result.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it('returns entities with spans of the original text', () => {
    const text = '親 身高165 體重１００斤 穿什麼碼';
    const result = classifier.classify(text);
    expect(result.intent).toBe('size_advice');
    for (const e of result.entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(result.entities.map((e) => e.type)).toEqual(['height', 'weight']);
  });

  it.each([
    ['有优惠券可以领吗', 'promotion'],
    ['能便宜点吗', 'bargain_generic'],
    ['别家才卖50你这贵了', 'bargain_comparison'],
    ['少10块我马上拍', 'bargain_decisive'],
    ['学生党没钱 便宜点吧', 'bargain_excuse'],
    ['拍了三天了怎么还不发货', 'not_shipped'],
    ['显示签收了但是我没收到', 'signed_not_received'],
    ['物流好几天没更新了', 'delivery_delay'],
    ['收到的杯子是碎的', 'quality_issue'],
    ['穿着小了能换大一码吗', 'exchange'],
  ] as const)('tells close pairs apart: %s → %s', (text, intent) => {
    expect(classifier.classify(text).intent).toBe(intent);
  });

  it('always answers a contract intent with a confidence in [0, 1], for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 })), (text) => {
        const result = classifier.classify(text);
        expect(isIntentId(result.intent)).toBe(true);
        expect(result.confidence).toBeGreaterThanOrEqual(0);
        expect(result.confidence).toBeLessThanOrEqual(1);
        for (const i of result.secondary) expect(isIntentId(i)).toBe(true);
        for (const e of result.entities) expect(e.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('held-out quality (regression guard)', () => {
  it('keeps macro-F1 on the dev split above 0.80 when trained on the train split', () => {
    const { train, dev } = splitDataset(loadIntentData());
    const heldOut = createClassifier(train);
    const ev = evaluate(dev.map((e) => ({ gold: e.intent, predicted: heldOut.classify(e.text).intent })));
    expect(ev.macroF1).toBeGreaterThan(0.8);
  });
});
