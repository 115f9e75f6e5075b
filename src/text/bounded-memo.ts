/**
 * A memo of values by string key, bounded: past `limit` entries it starts over (the keys here —
 * dates, product lists, time slices — repeat within a working set far smaller than the limit, so
 * a full clear now and then costs nothing noticeable and needs no LRU bookkeeping).
 * `remember(key, compute)` answers from the memo, computing a key's value the first time.
 */
export function boundedMemo<V>(limit: number): (key: string, compute: () => V) => V {
  const cache = new Map<string, V>();
  return (key, compute) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute();
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}
