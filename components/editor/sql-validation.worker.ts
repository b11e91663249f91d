/// <reference lib="webworker" />
// Validates SQL off the main thread so typing never waits for the parser.
import { validateScript } from "@/lib/sql/validate";
import type { ValidationRequest, ValidationResponse } from "./validation-protocol";

self.onmessage = (event: MessageEvent<ValidationRequest>) => {
  const { id, sql, partitionerClasses, otherClasses } = event.data;
  const started = performance.now();
  const { diagnostics } = validateScript(sql, {
    attachedPartitionerClasses: partitionerClasses,
    attachedOtherClasses: otherClasses,
  });
  const response: ValidationResponse = { id, diagnostics, elapsedMs: performance.now() - started };
  (self as unknown as Worker).postMessage(response);
};
