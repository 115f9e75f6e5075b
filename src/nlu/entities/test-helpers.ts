import { normalizeMessage } from '../normalize.ts';
import { extractEntities, type Entity, type EntityType } from './index.ts';

/** Entities of one type found in a buyer message, without span fields, for compact assertions. */
export function found<T extends EntityType>(text: string, type: T): Omit<Extract<Entity, { type: T }>, 'type' | 'start' | 'end'>[] {
  return extractEntities(normalizeMessage(text))
    .filter((e): e is Extract<Entity, { type: T }> => e.type === type)
    .map(({ type: _type, start: _start, end: _end, ...rest }) => rest);
}
