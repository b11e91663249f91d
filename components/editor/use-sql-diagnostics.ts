"use client";

import { useEffect, useRef, useState } from "react";
import type { Diagnostic } from "@/lib/sql/diagnostic";
import type { ValidationRequest, ValidationResponse } from "./validation-protocol";

const DEBOUNCE_MS = 150;

/**
 * Diagnostics for the editor's text, computed in a web worker as the user types; `classes` are
 * the attached resources' (components/resources/draft-resource-picker.tsx).
 */
export function useSqlDiagnostics(
  sql: string,
  classes?: { partitionerClasses: string[]; otherClasses: string[] },
): { diagnostics: Diagnostic[]; pending: boolean } {
  const [result, setResult] = useState<{ diagnostics: Diagnostic[]; forId: number }>({
    diagnostics: [],
    forId: 0,
  });
  const [latestId, setLatestId] = useState(0);
  const workerRef = useRef<Worker | null>(null);
  const nextId = useRef(0);

  useEffect(() => {
    const worker = new Worker(new URL("./sql-validation.worker.ts", import.meta.url), {
      type: "module",
    });
    worker.onmessage = (e: MessageEvent<ValidationResponse>) =>
      setResult((current) =>
        e.data.id >= current.forId
          ? { diagnostics: e.data.diagnostics, forId: e.data.id }
          : current,
      );
    workerRef.current = worker;
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => {
      const request: ValidationRequest = { id: ++nextId.current, sql, ...classes };
      workerRef.current?.postMessage(request);
      setLatestId(request.id);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [sql, classes]);

  return { diagnostics: result.diagnostics, pending: result.forId < latestId };
}
