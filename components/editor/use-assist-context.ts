"use client";

import { useEffect } from "react";
import { setAssistContext } from "./sql-language";

/**
 * Feeds completion what the page knows: the names of stored secrets (GET /api/secret-names, which
 * needs the editor role — without it completion simply offers none) and the partitioner classes attached to the
 * job (given by whoever knows the job's resources).
 */
export function useAssistContext(
  partitionerClasses?: readonly string[],
  /** Bumped when the page created a secret, so completion offers its name at once. */
  secretsRevision = 0,
): void {
  useEffect(() => {
    let cancelled = false;
    let secretNames: string[] | undefined;
    setAssistContext({ partitionerClasses, secretNames });
    fetch("/api/secret-names")
      .then((res) => (res.ok ? res.json() : undefined))
      .then((body: { names?: string[] } | undefined) => {
        if (cancelled || !body?.names) return;
        secretNames = body.names;
        setAssistContext({ partitionerClasses, secretNames });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [partitionerClasses, secretsRevision]);
}
