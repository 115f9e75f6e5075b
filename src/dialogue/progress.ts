import type { ReplyPlan } from '../../flows/protocol.ts';
import { localDate, localTime } from '../shop/hours.ts';
import { normalizeSameLength } from '../text/normalize.ts';
import { maskMobileNumbers } from '../../flows/presale-helpers.ts';


/**
 * "改好了没", "大概几天能有结果", "怎么样了", "你们联系了没", "查到了告诉我": the buyer asks how something the bot already took on is
 * going. A good agent answers with that case — what is being done and by when (the promise in the
 * ledger) — instead of starting the case again (a second remark, a new address question) or
 * answering a pre-sale question about delivery times. Pure.
 */
export const PROGRESS_QUESTION =
  /(?:联系|聯繫|联络|聯絡|催|问|問|查)(?:过|過)?了(?:没|沒|吗|嗎)|查到(?:了)?(?:没|沒|吗|嗎|(?:就|再)?(?:告诉|告訴|跟我说|跟我說|通知|回复|回覆))|有(?:消息|回音|回复|回覆)了?(?:没|沒|吗|嗎)|好了没|好了吗|好了嗎|好没好|改好|弄好|改了没|改了吗|改了嗎|备注了|備註了|搞定|处理好|處理好|办好|辦好|怎么样了|怎麼樣了|咋样了|有结果|有結果|结果|結果|进度|進度|多久|几天|幾天|多长时间|多長時間|什么时候(?:能|会|會)?(?:有|回复|回覆|处理|處理|好|给|給|补|補|发|發|寄|到|退)/u;

/** "改好了吗", "备注了没": asks whether the change is made. */
const DONE_QUESTION = /好了没|好了吗|好了嗎|好没好|改好|弄好|处理好|處理好|办好|辦好|改了没|改了吗|改了嗎|备注了|備註了|搞定/u;

/** "那要多久给我答复": asks for the answer promised, whatever the case is about. */
export const ASKS_FOR_ANSWER = /(?:多久|什么时候|什麼時候|啥时候|几点|幾點|多长时间|多長時間|要等多久)(?:能|可以|会|會)?(?:给我|給我|给个|給個)?(?:答复|答覆|回复|回覆|结果|結果|消息|回话|回話|准信|準信)/u;

/**
 * "发出去以后大概几天到乌鲁木齐", "寄到新疆要几天", "到乌鲁木齐要几天": how long delivery takes (to a place named), a shipping
 * question, not the case's progress.
 */
const DELIVERY_TIME =
  /(?:几天|幾天|多久|多长时间|多長時間)(?:能|可以|才能)?(?:到|送到|寄到|收到)|发出去以后|發出去以後|发出后|發出後|(?:发|發|寄|送|快递|快遞|^)(?:到|往)(?!底|现在|現在|时候|時候)[^，,。？?\s]{2,10}?(?:大概|大约|大約|一般)?(?:要|得|需要)?(?:几天|幾天|多久|多长时间|多長時間)/u;

/**
 * "你们什么时候能发货", "啥时候到": when a parcel leaves or arrives — the progress of an order's case
 * only; a note with no order (an after-hours message left, a callback) says nothing about shipping.
 */
const SHIPPING_WHEN = /(?:什么时候|什麼時候|啥时候|啥時候|几时|幾時|哪天|几号|幾號)(?:能|会|會|可以|才)?(?:发|發|寄|到)/u;

/** Longer messages carry a new ask of their own; a progress question is short. */
const MAX_CHARS = 24;

interface OpenPromise {
  text: string;
  orderId?: string | undefined;
  madeAt: string;
  dueAt: string;
  keptAt?: string | undefined;
  withdrawnAt?: string | undefined;
}

/** "11月21日14:30" in the shop's zone. */
function shortLocal(instant: Date, timeZone: string): string {
  const [, month, day] = localDate(instant, timeZone).split('-');
  return `${Number(month)}月${Number(day)}日${localTime(instant, timeZone)}`;
}

/**
 * The reply about the case in progress: the newest open promise (on the order in focus when there is
 * one), or null when the message is no progress question or nothing is open.
 */
export function progressReply(
  text: string,
  promises: readonly OpenPromise[],
  focusOrderId: string | undefined,
  now: Date,
  timeZone: string,
  done?: { orderId?: string | undefined; text: string },
): ReplyPlan | null {
  const plain = normalizeSameLength(text).trim();
  if ([...plain].length > MAX_CHARS || !PROGRESS_QUESTION.test(plain)) return null;
  if (DELIVERY_TIME.test(plain) && !ASKS_FOR_ANSWER.test(plain)) return null;
  const aboutShipping = SHIPPING_WHEN.test(plain) && !ASKS_FOR_ANSWER.test(plain);
  const open = promises.filter((p) => p.keptAt === undefined && p.withdrawnAt === undefined && Date.parse(p.dueAt) > now.getTime() && (!aboutShipping || p.orderId !== undefined));
  // Nothing open, but the change was made right away ("改好了吗" after a remark): say it is done.
  // (A remark keeps the full number for the warehouse; the reply shows it masked.)
  if (open.length === 0) return done !== undefined && DONE_QUESTION.test(plain) ? { scriptId: 'common.progress_done', params: { orderId: done.orderId ?? '', task: maskMobileNumbers(done.text) } } : null;
  const onFocus = open.filter((p) => focusOrderId !== undefined && p.orderId === focusOrderId);
  const latest = (onFocus.length > 0 ? onFocus : open).reduce((a, b) => (Date.parse(b.madeAt) >= Date.parse(a.madeAt) ? b : a));
  return { scriptId: 'common.progress', params: { task: latest.text, due: shortLocal(new Date(latest.dueAt), timeZone) } };
}
