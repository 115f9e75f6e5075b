import type { EventKind, StoredOwner } from './types.ts';

/**
 * WHERE clauses for the list queries, shared by both SQL stores. `placeholder(n)` renders the n-th
 * parameter (1-based) in the driver's syntax: `?` for SQLite, `$n` for PostgreSQL.
 */
export type Placeholder = (index: number) => string;

export interface Where {
  sql: string;
  params: string[];
}

export interface ConversationFilter {
  owner?: StoredOwner;
  /** Inclusive: conversations with updated_at >= updatedSince. */
  updatedSince?: string;
}

export interface EventFilter {
  /** An empty list matches nothing. */
  kinds?: EventKind[];
  /** Inclusive lower bound on `at`. */
  from?: string;
  /** Exclusive upper bound on `at` (so day ranges [00:00, next 00:00) do not overlap). */
  to?: string;
  conversationId?: string;
}

export function conversationWhere(shopId: string, filter: ConversationFilter, placeholder: Placeholder): Where {
  const where = new WhereBuilder(placeholder);
  where.add('shop_id = ', shopId);
  if (filter.owner !== undefined) where.add('owner = ', filter.owner);
  if (filter.updatedSince !== undefined) where.add('updated_at >= ', filter.updatedSince);
  return where.build();
}

export function eventWhere(shopId: string, filter: EventFilter, placeholder: Placeholder): Where {
  const where = new WhereBuilder(placeholder);
  where.add('shop_id = ', shopId);
  if (filter.conversationId !== undefined) where.add('conversation_id = ', filter.conversationId);
  if (filter.kinds !== undefined) where.addIn('kind', filter.kinds);
  if (filter.from !== undefined) where.add('at >= ', filter.from);
  if (filter.to !== undefined) where.add('at < ', filter.to);
  return where.build();
}

class WhereBuilder {
  private readonly clauses: string[] = [];
  private readonly params: string[] = [];

  constructor(private readonly placeholder: Placeholder) {}

  add(condition: string, value: string): void {
    this.params.push(value);
    this.clauses.push(condition + this.placeholder(this.params.length));
  }

  addIn(column: string, values: readonly string[]): void {
    if (values.length === 0) {
      this.clauses.push('1 = 0');
      return;
    }
    const marks = values.map((value) => {
      this.params.push(value);
      return this.placeholder(this.params.length);
    });
    this.clauses.push(`${column} IN (${marks.join(', ')})`);
  }

  build(): Where {
    return { sql: this.clauses.join(' AND '), params: this.params };
  }
}
