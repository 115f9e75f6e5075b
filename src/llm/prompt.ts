/**
 * What the model is told. Everything it sees is already masked (⟦1⟧ stands for buyer data) and
 * every rule here is also checked by the gate afterwards: the prompt makes a good answer likely,
 * the gate makes a bad one harmless.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface PromptInput {
  /** The script reply, placeholders filled and buyer data masked. */
  script: string;
  /** The buyer's message, masked. */
  buyerText: string;
  /** The shop's tone, e.g. "亲切、专业、简洁". */
  tone?: string | undefined;
  /** Length bounds of the answer in characters. */
  minChars: number;
  maxChars: number;
}

const DEFAULT_TONE = '礼貌、亲切、专业';

function systemPrompt(input: PromptInput): string {
  return [
    '你是淘宝/天猫店铺的客服助手。你的任务：把店铺的标准话术改写得更自然、更贴合买家的说法，只改说法，不改内容。',
    `店铺的语气：${input.tone?.trim() || DEFAULT_TONE}。`,
    '必须遵守：',
    '1. 称呼顾客一律用“您”，不要用“你”“亲爱的”等称呼。',
    '2. 不要使用“保证”“绝对”“肯定”“一定”以及“最好”“最低价”“第一”等绝对化用语；少用“不能”“不行”“不知道”等带“不”字的生硬说法，改用“无法”“暂时”等委婉说法，不用“哦”“亲”等语气词。',
    '3. 不要提供或邀请任何站外联系方式（微信、QQ、电话、二维码、链接等），也不要引导站外付款。',
    '4. 原话术中的每一个金额、折扣、数字、订单号、快递公司、日期和天数、商品名称都必须原样保留，不能改动、不能删去，也不能新增任何数字。',
    '5. 形如⟦1⟧的占位符代表买家信息，必须原样保留，每个占位符出现的次数与原话术相同。',
    '6. 不要做原话术没有的承诺（如发货或到货时间、“马上发”“明天到”、包退包换、赔偿等）。',
    '7. 只输出一条回复，不要解释，不要加引号或前缀，不要给出多个版本。',
    '8. 用简体中文回复，与原话术的语言一致。',
    `9. 回复长度在 ${input.minChars} 到 ${input.maxChars} 个字之间。`,
  ].join('\n');
}

function userPrompt(input: PromptInput): string {
  return [`买家的消息：${input.buyerText}`, '', '标准话术（请改写这一条）：', input.script].join('\n');
}

/** The first attempt: system rules, then the buyer message and the script to rephrase. */
export function buildMessages(input: PromptInput): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt(input) },
    { role: 'user', content: userPrompt(input) },
  ];
}

/**
 * The second and last attempt: the first conversation, the rejected answer, and what was wrong
 * with it, so the model can fix exactly that.
 */
export function buildRetryMessages(first: readonly ChatMessage[], rejected: string, violations: readonly string[]): ChatMessage[] {
  const list = violations.map((v, i) => `${i + 1}. ${v}`).join('\n');
  return [
    ...first,
    { role: 'assistant', content: rejected },
    {
      role: 'user',
      content: `上面的回复不能使用，问题如下：\n${list}\n请针对这些问题重新改写标准话术，遵守全部规则，只输出改写后的一条回复。`,
    },
  ];
}
