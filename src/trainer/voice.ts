import { compareFacts, type ChatClient } from '../llm/index.ts';
import type { Shop } from '../shop/schema.ts';
import type { Persona, Scenario } from './schema.ts';

/**
 * How the simulated buyer's lines are worded. The simulator decides what the buyer does (the act,
 * its facts, the agenda, the outcome) and writes a pool line for it; a voice may only reword that
 * line. The LLM voice asks the model for the buyer's own words and keeps them only when every
 * fact of the pool line survives and none is added (the rephraser's fact check); otherwise — or
 * when the model fails — the pool line is said.
 */

export interface WordedLine {
  text: string;
  source: 'pool' | 'llm';
  /** Why the model's line was not used. */
  fallback?: string;
}

export interface BuyerVoice {
  word(line: string, context: { act: string; persona: Persona; scenario: Scenario }): Promise<WordedLine>;
}

export const poolVoice: BuyerVoice = {
  word: async (line) => ({ text: line, source: 'pool' }),
};

/** Longer than this many times the pool line (or over a line break) is not one chat message. */
const MAX_GROWTH = 3;

const ACT_HINTS: Readonly<Record<string, string>> = {
  ask: '提出诉求',
  push: '没得到回答，再追问一次',
  repeat: '把刚才的话再说一遍',
  side_question: '顺便问一个题外话',
  give_up: '失去耐心，结束对话',
  thanks_bye: '问题解决了，道谢结束',
  ack: '表示知道了',
};

function personaText(p: Persona): string {
  const traits = [
    p.politeness >= 0.7 ? '说话客气' : p.politeness <= 0.3 ? '说话直接、不太客气' : '说话随意',
    p.patience <= 3 ? '很没耐心' : '比较有耐心',
    p.style.qin > 0.3 ? '爱用“亲”' : '',
    p.style.emoji > 0.3 ? '爱用表情' : '',
    p.style.traditional > 0.5 ? '用繁体字' : '',
  ].filter(Boolean);
  return `${p.name}（${traits.join('，')}）`;
}

export function llmVoice(client: ChatClient, shop: Shop): BuyerVoice {
  const productNames = shop.products.flatMap((p) => [p.name, ...(p.shortName ? [p.shortName] : [])]);
  return {
    async word(line, { act, persona, scenario }) {
      const messages = [
        {
          role: 'system' as const,
          content: [
            '你在淘宝上扮演一位买家，正在和店铺客服聊天，用于客服培训。',
            '把给你的这句买家的话改写成这位买家自己的口吻：口语化、简短，一句话。',
            '必须保留原句里的每一个事实（金额、订单号、商品名、颜色、尺码、身高体重、地址、抬头），不增加任何新的数字或事实。',
            '只输出买家要发的那句话，不要解释，不要加引号。',
          ].join('\n'),
        },
        {
          role: 'user' as const,
          content: `买家：${personaText(persona)}\n场景：${scenario.title}\n这一步：${ACT_HINTS[act] ?? act}\n原句：${line}`,
        },
      ];
      const result = await client.complete(messages);
      if (!result.ok) return { text: line, source: 'pool', fallback: result.reason };
      const text = result.text.trim().replace(/^["“「]|["”」]$/g, '');
      if (text === '' || /\n/.test(text) || text.length > line.length * MAX_GROWTH + 10) return { text: line, source: 'pool', fallback: 'shape' };
      const problems = compareFacts(line, text, { productNames });
      if (problems.length > 0) return { text: line, source: 'pool', fallback: problems[0]!.code };
      return { text, source: 'llm' };
    },
  };
}
