/// <reference lib="webworker" />
// Validates SQL off the main thread so typing never waits for the parser. The page posts every
// change; the worker waits for a pause in typing (DEBOUNCE_MS) and validates only the latest text.
import { validateScript } from "@/lib/sql/validate";
import type { ValidationRequest, ValidationResponse } from "./validation-protocol";

const DEBOUNCE_MS = 150;
let latest: ValidationRequest | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function validateLatest() {
  timer = undefined;
  if (!latest) return;
  const { id, sql, partitionerClasses, otherClasses, storeFiles } = latest;
  latest = null;
  const started = performance.now();
  let diagnostics: ValidationResponse["diagnostics"];
  try {
    diagnostics = validateScript(sql, {
      attachedPartitionerClasses: partitionerClasses,
      attachedOtherClasses: otherClasses,
      attachedStoreFiles: storeFiles,
    }).diagnostics;
  } catch (e) {
    // A validator bug must not leave the editor "checking…" forever: say so at the top.
    diagnostics = [
      {
        severity: "error",
        message: `Internal error while validating: ${e instanceof Error ? e.message : String(e)}`,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 2,
      },
    ];
  }
  const response: ValidationResponse = { id, diagnostics, elapsedMs: performance.now() - started };
  (self as unknown as Worker).postMessage(response);
}

self.onmessage = (event: MessageEvent<ValidationRequest>) => {
  latest = event.data;
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(validateLatest, event.data.immediate ? 0 : DEBOUNCE_MS);
};
