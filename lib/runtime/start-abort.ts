/**
 * A job's start can wait for a long time — a broker that accepts connections and never answers
 * holds each request for the client's request timeout — and a cancel must not wait for it: the
 * runtime races its start against the worker's abort signal.
 */

/** Whether `prepared` resolves before `signal` aborts (rejects when it fails first). */
export function beforeAbort(
  prepared: Promise<void>,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  if (!signal) return prepared.then(() => true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise<boolean>((resolve, reject) => {
    const onAbort = () => resolve(false);
    signal.addEventListener("abort", onAbort, { once: true });
    prepared.then(
      () => resolve(true),
      (e: unknown) => reject(e),
    );
    void prepared
      .catch(() => undefined)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}
