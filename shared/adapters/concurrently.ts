/**
 * `work` applied to every item, at most `limit` at a time, results in input order. Workloads and pods are
 * independent items, so only their I/O waits overlap; the first failure rejects (callers that must not
 * fail as a whole catch per item).
 */
export async function concurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
