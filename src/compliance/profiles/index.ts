import { z } from 'zod';
import { ProfileIdSchema, SeveritySchema, type ProfileId } from '../schema.ts';
import { tmallProfile } from './tmall.ts';
import { taobaoProfile } from './taobao.ts';

/**
 * A profile is data: which rules run and how severe they are. Rules a profile does not
 * name run at their default severity, so a new rule is strict until a profile relaxes it.
 */
export const ProfileSchema = z.object({
  id: ProfileIdSchema,
  description: z.string(),
  severities: z.record(z.string(), SeveritySchema),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const profiles: Record<ProfileId, Profile> = {
  tmall: ProfileSchema.parse(tmallProfile),
  taobao: ProfileSchema.parse(taobaoProfile),
};
