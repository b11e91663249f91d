"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * A list a page reads from the API (one of lib/api/client.ts's list calls, e.g. `api.users.list`:
 * a stable function), read again after every `reload()` — what the users, tokens and sessions
 * panels show. Null until the first answer.
 */
export function useApiList<T>(load: (signal: AbortSignal) => Promise<T[]>): {
  items: T[] | null;
  reload: () => void;
} {
  const [items, setItems] = useState<T[] | null>(null);
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(setItems, () => undefined);
    return () => controller.abort();
  }, [load, revision]);
  const reload = useCallback(() => setRevision((r) => r + 1), []);
  return { items, reload };
}
