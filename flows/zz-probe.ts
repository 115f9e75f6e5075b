import type { InputFrom } from 'xstate';
import { presaleMachine } from './presale.ts';
type P = InputFrom<typeof presaleMachine>;
export const p: P = undefined;
