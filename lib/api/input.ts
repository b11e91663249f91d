/**
 * Input bounds every API route gets from the wrapper (lib/api/route.ts), so a route added later
 * has them without asking: request bodies read with a size limit while streaming, unknown fields
 * refused (schemas made strict, nested objects too), NUL characters refused with the field's
 * name, and shared schemas for the numbers that reach PostgreSQL (bigint ids, int4 counts).
 */
import { z, type ZodType } from "zod";
import { ApiError } from "./problem";

/** JSON request bodies: far beyond any script (SQL is capped at 1 MiB), far below a memory risk. */
export const MAX_JSON_BODY_BYTES = 2 * 1024 * 1024;

/** Reads a body as UTF-8 text, refusing (413) once it passes `limit` bytes without reading on. */
export async function readBodyText(
  request: Request,
  limit: number = MAX_JSON_BODY_BYTES,
): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    `The request body is larger than ${Math.round(limit / 1024 / 1024)} MiB; send less.`,
  );
}

/**
 * The path of the first string (or object key) holding a NUL character: PostgreSQL cannot store
 * one in text, and no name or script needs one.
 */
export function findNul(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === "string") return value.includes("\0") ? pathText(path) : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, String(i)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key.includes("\0")) return pathText([...path, key.replaceAll("\0", "\\0")]);
      const found = findNul(v, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function pathText(path: string[]): string {
  return path.length > 0 ? path.join(".") : "(root)";
}

export function refuseNul(value: unknown, what: string): void {
  const path = findNul(value);
  if (path === undefined) return;
  throw new ApiError(
    400,
    path === "(root)"
      ? `Invalid ${what}: contains a NUL character (\\0).`
      : `Invalid ${what} '${path}': contains a NUL character (\\0).`,
    [{ path, message: "contains a NUL character (\\0)" }],
  );
}

const strictCache = new WeakMap<ZodType, ZodType>();

/**
 * The schema with every object in it strict (unknown keys are an error naming them), through
 * optional, nullable, default, array, union, record and pipe. An object declared loose
 * (`z.looseObject`, `.catchall(…)`) keeps its choice.
 */
export function strictDeep<T extends ZodType>(schema: T): T {
  const cached = strictCache.get(schema);
  if (cached) return cached as T;
  const result = makeStrict(schema) as T;
  strictCache.set(schema, result);
  return result;
}

function makeStrict(schema: ZodType): ZodType {
  // Zod 4 keeps a schema's definition in _zod.def; clone(def) keeps its checks and refinements.
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })
    ._zod.def;
  const clone = (changes: Record<string, unknown>) =>
    (schema as unknown as { clone(def: unknown): ZodType }).clone({ ...def, ...changes });
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, ZodType>;
      const strictShape = Object.fromEntries(
        Object.entries(shape).map(([k, v]) => [k, strictDeep(v)]),
      );
      return clone({ shape: strictShape, catchall: def.catchall ?? z.never() });
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return clone({ innerType: strictDeep(def.innerType as ZodType) });
    case "array":
      return clone({ element: strictDeep(def.element as ZodType) });
    case "union":
      return clone({ options: (def.options as ZodType[]).map((o) => strictDeep(o)) });
    case "record":
      return clone({ valueType: strictDeep(def.valueType as ZodType) });
    case "pipe":
      return clone({ in: strictDeep(def.in as ZodType) });
    default:
      return schema;
  }
}

/** A bigint row id as text (log cursors, event ids): digits within PostgreSQL's int8. */
export const int8Id = z
  .string()
  .regex(/^\d{1,19}$/, "must be a log line id (digits)")
  .refine((s) => BigInt(s) <= 9_223_372_036_854_775_807n, "is larger than the largest id");

/** A count or index stored as PostgreSQL int4, from a query string. */
export const int4FromQuery = z.coerce
  .number()
  .int("must be an integer")
  .min(0, "must not be negative")
  .max(2_147_483_647, "is too large");

/** Parses a bigint id from a header, e.g. Last-Event-ID; 400 naming the header when it is not one. */
export function parseInt8Header(raw: string | null, name: string): bigint | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  const result = int8Id.safeParse(raw.trim());
  if (!result.success) {
    throw new ApiError(400, `Invalid header '${name}': ${result.error.issues[0].message}.`, [
      { path: name, message: result.error.issues[0].message },
    ]);
  }
  return BigInt(result.data);
}
