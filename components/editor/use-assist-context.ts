"use client";

import { useEffect } from "react";
import { api } from "@/lib/api/client";
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
    api.secrets.names().then(
      (names) => {
        if (cancelled) return;
        secretNames = names;
        setAssistContext({ partitionerClasses, secretNames });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [partitionerClasses, secretsRevision]);
}
