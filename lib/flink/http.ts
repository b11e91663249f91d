/**
 * JSON over HTTP for the Flink clients: every answer is parsed with a Zod schema, and an error
 * answer becomes a FlinkHttpError carrying Flink's own `errors` (message, then stack trace).
 */
import type { z } from "zod";

export class FlinkHttpError extends Error {
  override name = "FlinkHttpError";
  constructor(
    message: string,
    readonly status: number,
    /** Flink's `errors` array: for a failed operation, the exception's message and stack trace. */
    readonly errors: string[],
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 15_000;

export async function flinkRequest<S extends z.ZodType>(
  what: string,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  url: string,
  schema: S,
  body?: unknown,
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new FlinkHttpError(
      `${what}: no answer from ${new URL(url).origin} (${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}).`,
      0,
      [],
    );
  }
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    // not JSON: reported below
  }
  if (!response.ok) {
    const errors =
      json && typeof json === "object" && Array.isArray((json as { errors?: unknown }).errors)
        ? ((json as { errors: unknown[] }).errors.map(String) as string[])
        : [text.slice(0, 500)];
    throw new FlinkHttpError(
      `${what}: HTTP ${response.status}: ${firstLine(errors[0] ?? "")}`,
      response.status,
      errors,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new FlinkHttpError(
      `${what}: unexpected answer from Flink (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}).`,
      response.status,
      [],
    );
  }
  return parsed.data;
}

function firstLine(text: string): string {
  return text.split("\n")[0];
}
