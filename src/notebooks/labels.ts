import { HANDOFF_REASON_ZH } from '../dialogue/summary.ts';

/** Chinese names of hand-off reasons for the notebooks; unknown reasons show as they are. */
export function handoffReasonLabel(reason: string): string {
  return (HANDOFF_REASON_ZH as Record<string, string>)[reason] ?? reason;
}

/** Where an agent opens a conversation (the agent page reads the id from the fragment). */
export function conversationLink(conversationId: string): string {
  return `/agent.html#${encodeURIComponent(conversationId)}`;
}

/** How the bot appears in the per-agent statistics. */
export const BOT_NAME = '自动回复';

/** "reason：summary", without repeating the reason when the summary already names it. */
export function reasonWithSummary(reason: string, summary: string): string {
  const label = reason ? handoffReasonLabel(reason) : '';
  if (label && summary.includes(label)) return summary;
  return [label, summary].filter(Boolean).join('：');
}
