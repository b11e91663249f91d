/**
 * The Confluent Schema Registry calls avro-confluent needs (what Flink's
 * CachedSchemaRegistryClient does for it): register a schema under a subject to learn its id,
 * and fetch a schema by id. Behind an interface so tests and the editor can use a fake; the
 * default implementation uses fetch, so it also runs in the browser.
 */

export interface SchemaRegistryClient {
  /** POST /subjects/{subject}/versions: the id of the schema (registering it if new). */
  register(subject: string, schema: string): Promise<number>;
  /** GET /schemas/ids/{id}: the schema's JSON text. */
  getById(id: number): Promise<string>;
}

export interface RegistryClientConfig {
  /** One URL or a comma-separated list, tried in order (Confluent's client does the same). */
  url: string;
  /** `user:password` for HTTP basic auth (basic-auth.credentials-source USER_INFO). */
  userInfo?: string;
  /** Bearer token (bearer-auth.token). */
  bearerToken?: string;
}

export class SchemaRegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly errorCode?: number,
  ) {
    super(message);
    this.name = "SchemaRegistryError";
  }
}

type Fetch = (
  input: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

const CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

/** Splits credentials out of a URL (fetch refuses URLs that carry them). */
export function splitCredentials(url: string): { url: string; userInfo?: string } {
  const m = /^(\w+:\/\/)([^@/]+)@(.*)$/.exec(url.trim());
  if (!m) return { url: url.trim() };
  return { url: m[1] + m[3], userInfo: decodeURIComponent(m[2]) };
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export class FetchSchemaRegistryClient implements SchemaRegistryClient {
  private readonly bases: Array<{ url: string; userInfo?: string }>;
  private readonly ids = new Map<string, Promise<number>>();
  private readonly schemas = new Map<number, Promise<string>>();

  constructor(
    private readonly config: RegistryClientConfig,
    private readonly fetchImpl: Fetch = (input, init) => fetch(input, init),
  ) {
    this.bases = config.url
      .split(",")
      .map((u) => u.trim())
      .filter((u) => u.length > 0)
      .map((u) => splitCredentials(u.replace(/\/+$/, "")));
    if (this.bases.length === 0)
      throw new SchemaRegistryError("No schema registry URL is configured ('avro-confluent.url').");
  }

  register(subject: string, schema: string): Promise<number> {
    const key = `${subject}\u0000${schema}`;
    let id = this.ids.get(key);
    if (!id) {
      id = this.request(
        "POST",
        `/subjects/${encodeURIComponent(subject)}/versions`,
        JSON.stringify({ schema }),
      ).then((body) => {
        const parsed = JSON.parse(body) as { id?: unknown };
        if (typeof parsed.id !== "number")
          throw new SchemaRegistryError(
            `Schema registry answered without an id when registering under subject '${subject}'.`,
          );
        return parsed.id;
      });
      id.catch(() => this.ids.delete(key));
      this.ids.set(key, id);
    }
    return id;
  }

  getById(id: number): Promise<string> {
    let schema = this.schemas.get(id);
    if (!schema) {
      schema = this.request("GET", `/schemas/ids/${id}`).then((body) => {
        const parsed = JSON.parse(body) as { schema?: unknown; schemaType?: unknown };
        if (parsed.schemaType !== undefined && parsed.schemaType !== "AVRO") {
          throw new SchemaRegistryError(
            `Schema ${id} is a ${String(parsed.schemaType)} schema, not an Avro schema.`,
          );
        }
        if (typeof parsed.schema !== "string")
          throw new SchemaRegistryError(`Schema registry answered without a schema for id ${id}.`);
        return parsed.schema;
      });
      schema.catch(() => this.schemas.delete(id));
      this.schemas.set(id, schema);
    }
    return schema;
  }

  private headers(base: { userInfo?: string }): Record<string, string> {
    const h: Record<string, string> = { Accept: CONTENT_TYPE, "Content-Type": CONTENT_TYPE };
    const userInfo = this.config.userInfo ?? base.userInfo;
    if (userInfo !== undefined) h.Authorization = `Basic ${base64(userInfo)}`;
    else if (this.config.bearerToken !== undefined)
      h.Authorization = `Bearer ${this.config.bearerToken}`;
    return h;
  }

  private async request(method: string, path: string, body?: string): Promise<string> {
    let lastError: unknown;
    for (const base of this.bases) {
      let res;
      try {
        res = await this.fetchImpl(base.url + path, { method, headers: this.headers(base), body });
      } catch (e) {
        // Unreachable: try the next URL, as the Confluent client does.
        lastError = new SchemaRegistryError(
          `Schema registry ${base.url} is unreachable: ${(e as Error).message}`,
        );
        continue;
      }
      const text = await res.text();
      if (res.ok) return text;
      let message = text;
      let errorCode: number | undefined;
      try {
        const parsed = JSON.parse(text) as { message?: string; error_code?: number };
        message = parsed.message ?? text;
        errorCode = parsed.error_code;
      } catch {
        // not JSON: keep the body text
      }
      const hint =
        res.status === 401 || res.status === 403
          ? " Check 'avro-confluent.basic-auth.*' / 'avro-confluent.bearer-auth.*'."
          : "";
      throw new SchemaRegistryError(
        `Schema registry ${base.url} answered ${method} ${path} with HTTP ${res.status}: ${message}${errorCode !== undefined ? `; error code: ${errorCode}` : ""}.${hint}`,
        res.status,
        errorCode,
      );
    }
    throw lastError;
  }
}
