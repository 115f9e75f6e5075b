import { z } from 'zod';

/** One fixed phrase a rule looks for, with the wording the manuals give instead (if any). */
export const PhraseEntrySchema = z.object({
  phrase: z.string().min(1),
  replacement: z.string().optional(),
});
export type PhraseEntry = z.infer<typeof PhraseEntrySchema>;
