"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * A list a page reads from the API (`GET url` answering `{ [key]: T[] }`), read again after every
 * `reload()` — what the users, tokens and sessions panels show. Null until the first answer.
 */
export function useApiList<T>(url: string, key: string): { items: T[] | null; reload: () => void } {
  const [items, setItems] = useState<T[] | null>(null);
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { cache: "no-store", signal: controller.signal })
      .then((res) => (res.ok ? (res.json() as Promise<Record<string, T[]>>) : null))
      .then((body) => body?.[key] && setItems(body[key]))
      .catch(() => undefined);
    return () => controller.abort();
  }, [url, key, revision]);
  const reload = useCallback(() => setRevision((r) => r + 1), []);
  return { items, reload };
}
