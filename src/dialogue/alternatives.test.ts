import { describe, expect, it } from 'vitest';
import { emptyOutput } from '../../flows/protocol.ts';
import { createLinter } from '../compliance/linter.ts';
import { defaultClassifier } from '../nlu/default-classifier.ts';
import { DEMO_NOW, loadDemoOrderProvider } from '../orders/demo-provider.ts';
import { loadDemoShop } from '../shop/load.ts';
import { assistCandidates, HOLD_SCRIPT, holdingLineFits, isAnswerOnly, OVERWHELMING, runnerUpReading } from './alternatives.ts';
import { respond, type EngineDeps, type IncomingMessage } from './engine.ts';
import { loadScripts } from './scripts.ts';

describe('runnerUpReading', () => {
  const ranking = [
    { intent: 'stock' as const, confidence: 0.79 },
    { intent: 'size_advice' as const, confidence: 0.16 },
    { intent: 'product_info' as const, confidence: 0.02 },
  ];

  it('offers the second reading when the margin is not overwhelming', () => {
    expect(runnerUpReading(['stock'], 0.79, ranking)).toBe('size_advice');
  });

  it('offers none when the best reading is overwhelming, or the runner-up unlikely', () => {
    expect(runnerUpReading(['stock'], OVERWHELMING, ranking)).toBeUndefined();
    expect(runnerUpReading(['stock'], 0.95, ranking)).toBeUndefined();
    expect(runnerUpReading(['stock'], 0.79, [ranking[0]!, { intent: 'size_advice', confidence: 0.09 }])).toBeUndefined();
  });

  it('skips the intent acted on (also when it was reinterpreted) and readings that answer nothing', () => {
    expect(runnerUpReading(['stock', 'size_advice'], 0.6, ranking)).toBeUndefined();
    const chatter = [ranking[0]!, { intent: 'greeting' as const, confidence: 0.3 }, { intent: 'human' as const, confidence: 0.2 }];
    expect(runnerUpReading(['stock'], 0.5, chatter)).toBeUndefined();
  });
});

describe('isAnswerOnly', () => {
  const reply = { scriptId: 'presale.size.ask_body', params: {} };

  it('keeps the replies of a run that only answers', () => {
    expect(isAnswerOnly({ ...emptyOutput(), replies: [reply] })).toEqual([reply]);
  });

  it('drops a run that would act: a remark, a promise, a concession or a hand-off is not recorded for a what-if', () => {
    expect(isAnswerOnly({ ...emptyOutput(), replies: [reply], remarks: [{ reason: '改价' }] })).toEqual([]);
    expect(isAnswerOnly({ ...emptyOutput(), replies: [reply], promises: [{ kind: 'callback', text: '回电', dueInHours: 1 }] })).toEqual([]);
    expect(isAnswerOnly({ ...emptyOutput(), replies: [reply], concessions: [{ productId: 'coat-01', kind: 'coupon', amount: 5, reason: '借口型议价' }] })).toEqual([]);
    expect(isAnswerOnly({ ...emptyOutput(), replies: [reply], handoff: 'outside_policy' })).toEqual([]);
    expect(isAnswerOnly({ ...emptyOutput(), replies: [reply], unhandled: true })).toEqual([]);
  });
});

describe('assistCandidates', () => {
  const c = (text: string, scriptId: string) => ({ text, scriptId });

  it('puts two wordings of the best reading first, then the extras, three in all', () => {
    const best = [c('a1', 'a'), c('a2', 'a'), c('a3', 'a')];
    expect(assistCandidates(best, [c('b', 'b'), c('h', 'hold')]).map((x) => x.text)).toEqual(['a1', 'a2', 'b']);
    expect(assistCandidates(best, []).map((x) => x.text)).toEqual(['a1', 'a2', 'a3']);
    expect(assistCandidates([c('a1', 'a')], [c('b', 'b'), c('h', 'hold')]).map((x) => x.text)).toEqual(['a1', 'b', 'h']);
  });

  it('never shows a text or a script twice', () => {
    expect(assistCandidates([c('a1', 'a'), c('a2', 'a')], [c('a1', 'x'), c('other', 'a'), c('h', 'hold'), c('h2', 'hold')]).map((x) => x.text)).toEqual(['a1', 'a2', 'h']);
  });
});

describe('holdingLineFits', () => {
  it('fits questions to check, not chatter', () => {
    expect(holdingLineFits('logistics_track')).toBe(true);
    expect(holdingLineFits('invoice')).toBe(true);
    expect(holdingLineFits('greeting')).toBe(false);
    expect(holdingLineFits('thanks_bye')).toBe(false);
  });
});

describe('assist mode in the engine: three distinct, checked candidates, best first', () => {
  const shop = loadDemoShop();
  const deps: EngineDeps = { classifier: defaultClassifier(), scripts: loadScripts(), shop, orders: loadDemoOrderProvider(shop, DEMO_NOW), clock: () => DEMO_NOW };
  const strict = createLinter({ profile: 'tmall' });
  const turn = (text: string, mode: IncomingMessage['mode'] = 'assist') => respond(undefined, { buyerId: 'tb_buyer_anna', text, mode }, deps);

  it('the runner-up reading answers third when the classifier is not sure (stock 79 %, size advice 16 %)', async () => {
    const { result } = await turn('这件羊毛大衣有M码吗');
    expect(result.delivery).toBe('suggest');
    expect(result.replies).toHaveLength(3);
    expect(result.replies.map((r) => r.intent)).toEqual(['stock', 'stock', 'size_advice']);
    expect(result.replies[0]!.scriptId).toBe(result.replies[1]!.scriptId);
    expect(result.replies[2]!.scriptId).not.toBe(result.replies[0]!.scriptId);
    expect(result.replies[2]!.text).toMatch(/身高.*体重/);
  });

  it('a sure reading gets the holding line third, for an agent who must check first', async () => {
    const { result } = await turn('能开发票吗');
    expect(result.replies).toHaveLength(3);
    expect(result.replies[2]).toMatchObject({ scriptId: HOLD_SCRIPT, source: 'script' });
    expect(result.replies[2]!.intent).toBeUndefined();
    expect(result.replies[0]!.intent).toBe('invoice');
  });

  it('every candidate is distinct and passes the strict linter with no error', async () => {
    for (const text of ['这件羊毛大衣有M码吗', '能开发票吗', '我的快递到哪了', '衣服有点问题', '在吗', '学生党没钱 再便宜点吧']) {
      const { result } = await turn(text);
      expect(result.replies.length, text).toBe(3);
      expect(new Set(result.replies.map((r) => r.text)).size, text).toBe(3);
      for (const r of result.replies) {
        expect(r.lint.errorCount, r.text).toBe(0);
        expect(strict.lint(r.text).errorCount, r.text).toBe(0);
      }
    }
  });

  it('the what-if run of the runner-up changes nothing: the conversation is the same as in auto mode', async () => {
    const assist = await turn('这件羊毛大衣有M码吗');
    const auto = await turn('这件羊毛大衣有M码吗', 'auto');
    expect(assist.conversation.flows).toEqual(auto.conversation.flows);
    expect(assist.result.remarks).toEqual(auto.result.remarks);
    expect(assist.result.promises).toEqual(auto.result.promises);
    expect(auto.result.replies).toHaveLength(1);
    expect(auto.result.replies[0]!.intent).toBeUndefined();
  });
});
