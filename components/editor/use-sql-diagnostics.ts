"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Diagnostic } from "@/lib/sql/diagnostic";
import type { AttachedStoreFile } from "@/lib/connectors/factory";
import type { ValidationRequest, ValidationResponse } from "./validation-protocol";

/** The attached resources' classes (components/resources/draft-resource-picker.tsx). */
export interface AttachedClasses {
  partitionerClasses: string[];
  otherClasses: string[];
  storeFiles?: AttachedStoreFile[];
}

/**
 * Diagnostics for the editor's text, computed in a web worker (which debounces) as the user types.
 * `submit(text)` hands the worker the model's current text; nothing here holds the text as state.
 */
export function useSqlDiagnostics(attached?: AttachedClasses): {
  diagnostics: Diagnostic[];
  pending: boolean;
  submit: (sql: string, immediate?: boolean) => void;
} {
  const [result, setResult] = useState<{ diagnostics: Diagnostic[]; forId: number }>({
    diagnostics: [],
    forId: 0,
  });
  const [latestId, setLatestId] = useState(0);
  const workerRef = useRef<Worker | null>(null);
  const nextId = useRef(0);
  const queued = useRef<ValidationRequest | null>(null);
  const classes = useRef(attached);
  const lastSql = useRef<string | undefined>(undefined);

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
    if (queued.current) worker.postMessage(queued.current);
    queued.current = null;
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, []);

  const submit = useCallback((sql: string, immediate = false) => {
    lastSql.current = sql;
    const request: ValidationRequest = {
      id: ++nextId.current,
      sql,
      ...classes.current,
      immediate,
    };
    if (workerRef.current) workerRef.current.postMessage(request);
    else queued.current = request;
    setLatestId(request.id);
  }, []);

  // Attaching or detaching a resource changes what sink.partitioner may name: check again.
  useEffect(() => {
    if (classes.current === attached) return;
    classes.current = attached;
    if (lastSql.current !== undefined) submit(lastSql.current, true);
  }, [attached, submit]);

  return { diagnostics: result.diagnostics, pending: result.forId < latestId, submit };
}
