/**
 * Literal passwords of a script as the stored plan keeps them: encrypted with the secret store's
 * key into a `${sealed_value:…}` marker, so the plan (read by workers, copied into API answers
 * and backups) never holds them in the clear, and unsealed by the worker that connects — the
 * same rule as stored secrets, minus the name. Node-only.
 */
import { literalSecretRanges } from "./literal-secrets";
import { seal, unseal } from "./secret-cipher";

const MARKER = /^\$\{sealed_value:([A-Za-z0-9+/=]+)\.([A-Za-z0-9+/=]+)\.([A-Za-z0-9+/=]+)\}$/;

const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");

export function sealValue(value: string): string {
  const s = seal(value);
  return `\${sealed_value:${b64(s.iv)}.${b64(s.authTag)}.${b64(s.ciphertext)}}`;
}

export function isSealedValue(value: string): boolean {
  return MARKER.test(value);
}

/** The value a marker stands for; any other text unchanged. */
export function unsealValue(value: string): string {
  const m = MARKER.exec(value);
  if (!m) return value;
  return unseal({
    iv: Buffer.from(m[1], "base64"),
    authTag: Buffer.from(m[2], "base64"),
    ciphertext: Buffer.from(m[3], "base64"),
  });
}

/**
 * A copy of a stored plan with every literal secret sealed: in the `properties` maps of resolved
 * tables (bare client keys) and in the `{ key, value }` options of table definitions.
 */
export function sealPlanSecrets<T>(plan: T): T {
  const walk = (value: unknown, inProperties: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, false));
    if (value === null || typeof value !== "object") return value;
    const obj = value as Record<string, unknown>;
    if (typeof obj.key === "string" && typeof obj.value === "string") {
      if (literalSecretRanges(obj.key, obj.value).length > 0)
        return { ...obj, value: sealValue(obj.value) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (inProperties && typeof v === "string") {
        out[k] = literalSecretRanges(k, v, { bareKeys: true }).length > 0 ? sealValue(v) : v;
      } else out[k] = walk(v, k === "properties");
    }
    return out;
  };
  return walk(plan, false) as T;
}
