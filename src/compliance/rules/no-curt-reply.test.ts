import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testRule } from '../rule-tester.ts';
import { createTextView } from '../text-view.ts';
import rule, { MAX_CURT_LENGTH, trimmedSpan } from './no-curt-reply.ts';

const ACK = '好的，收到您的消息，这就为您处理～';
const CONSENT = '可以的，我这边为您安排，请您稍等～';

testRule(rule, {
  valid: [
    ACK,
    '好的，已经为您备注好了，请您放心。',
    '您好，请问有什么可以帮您？',
    '可以的，您拍下后我这边为您修改地址。',
    '正常今天可以发出。', // seed 000 二(10)
    '我们会尽快安排发货，尽力帮您催促快递。', // seed 000 二(10)
    '非常抱歉，这个要求我们暂时无法满足。', // seed 000 二(5)
    '收到您的反馈了，我这就帮您联系快递核实。',
    '', // nothing to judge
    '😊',
  ],
  nearMisses: [
    '好的，稍等，我帮您查一下物流。',
    '嗯嗯，这款是纯棉的，穿着很舒服～', // starts curt, goes on: no-interjection-en's business
    '可以用花呗分期付款的。',
    'OK绷有现货，正常今天可以发出。',
    '11.11',
    '1件就包邮的。',
    '知道您着急，我已经帮您催促快递了。',
    '收到货后如有任何问题，随时联系我们。',
    '明白您的意思了，我帮您换成L码。',
    '好的亲，已经给您改好地址了～',
    '没问题的话请您确认一下收货地址。',
  ],
  invalid: [
    { text: '好的', errors: [{ span: '好的', messageId: 'curt', suggestion: ACK }] },
    { text: '嗯', errors: [{ span: '嗯', suggestion: ACK }] },
    { text: '恩', errors: [{ span: '恩' }] },
    { text: '哦哦～', errors: [{ span: '哦哦', suggestion: ACK }] },
    { text: '好的！😊', name: 'emoji after', errors: [{ span: '好的', suggestion: ACK }] },
    { text: 'ＯＫ～', name: 'full-width Latin', errors: [{ span: 'ＯＫ', suggestion: CONSENT }] },
    { text: '１', name: 'full-width digit', errors: [{ span: '１' }] },
    { text: 'ok的亲', name: 'mixed Latin', errors: [{ span: 'ok的亲', suggestion: CONSENT }] },
    { text: '沒問題！', name: 'traditional', errors: [{ span: '沒問題', suggestion: CONSENT }] },
    { text: '曉得了', name: 'traditional 曉得', errors: [{ span: '曉得了' }] },
    { text: '收到了哈 [微笑]', name: 'Wangwang code', errors: [{ span: '收到了哈' }] },
    { text: '嗯嗯，好的亲～', errors: [{ span: '嗯嗯，好的亲' }] },
    { text: '  好好好，知道了。 ', errors: [{ span: '好好好，知道了' }] },
    { text: '可以', errors: [{ span: '可以', suggestion: CONSENT }] },
    { text: 'en', errors: [{ span: 'en' }] },
    { text: '亲，好的👍🏻', errors: [{ span: '亲，好的' }] },
    { text: '亲爱的，好的呢，收到了哈，明白了，没问题～[微笑]', name: 'the longest curt form', errors: [{ span: '亲爱的，好的呢，收到了哈，明白了，没问题' }] },
  ],
});

describe('trimmedSpan', () => {
  // The definition: leading and trailing runs of ignorable units, as regexes (what the scan replaces).
  const IGNORABLE = String.raw`(?:\[[\u4e00-\u9fff]{1,4}\]|[\s,.!?;:~'"“”‘’()\[\]【】《》<>。、…—\-·^_*]|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)`;
  const LEADING = new RegExp(`^${IGNORABLE}+`, 'u');
  const TRAILING = new RegExp(`${IGNORABLE}+$`, 'u');
  function byRegex(norm: string) {
    const start = LEADING.exec(norm)?.[0].length ?? 0;
    if (start === norm.length) return { start, end: start };
    return { start, end: norm.length - (TRAILING.exec(norm)?.[0].length ?? 0) };
  }

  it('trims like the regex definition', () => {
    const units = ['[', ']', '微', '笑', '好', ' ', '，', '。', '~', '😊', '👍🏻', '\u200d', '\ufe0f', '©', 'a', '1', '\ud83d', '\ude0a', '[微笑]', '[哈哈哈哈哈]', '…', '\n', '\u00a0'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...units), { maxLength: 12 }), (parts) => {
        const view = createTextView(parts.join(''));
        expect(trimmedSpan(view)).toEqual(byRegex(view.norm));
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves the curt check to replies no longer than the longest curt form', () => {
    expect('亲爱的，好的呢，收到了哈，明白了，没问题'.length).toBe(MAX_CURT_LENGTH);
  });
});
