/**
 * Sorts the errors of DNS, sockets, TLS and kafkajs into the failure kinds the explanation puts
 * into words. Works on the error's shape (name, code, kafkajs `type`, cause chain) rather than on
 * classes, so it is pure and testable with fabricated errors. Browser-safe.
 */
import type { FailureKind, StepError, StepName } from "./report";

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  type?: unknown;
  cause?: unknown;
  originalError?: unknown;
}

/** The error and its causes, outermost first (kafkajs nests under `cause` or `originalError`). */
export function errorChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === "object" && chain.length < 10) {
    if (chain.includes(current as ErrorLike)) break;
    chain.push(current as ErrorLike);
    const e = current as ErrorLike;
    current = e.cause ?? e.originalError;
  }
  return chain;
}

export function errorMessage(error: unknown): string {
  if (
    error instanceof Error ||
    (error !== null && typeof error === "object" && "message" in error)
  ) {
    return String((error as ErrorLike).message);
  }
  return String(error);
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

const SOCKET_KINDS: Record<string, FailureKind> = {
  ENOTFOUND: "dns-not-found",
  EAI_NONAME: "dns-not-found",
  EAI_NODATA: "dns-not-found",
  EAI_AGAIN: "dns-unavailable",
  ECONNREFUSED: "connection-refused",
  ETIMEDOUT: "timeout",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EHOSTDOWN: "unreachable",
  EADDRNOTAVAIL: "unreachable",
  ECONNRESET: "connection-reset",
  EPIPE: "connection-reset",
};

/** Node's codes for certificates the client does not trust (OpenSSL's verify errors). */
const CERTIFICATE_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "INVALID_CA",
]);

export interface ClassifyContext {
  /** Bytes the broker sent on the failed connection; 0 means it never answered a request. */
  bytesReceived?: number;
  /** Whether the client authenticated with SASL on that connection. */
  clientUsesSasl?: boolean;
}

export function classifyFailure(
  error: unknown,
  step: StepName,
  context: ClassifyContext = {},
): StepError {
  const chain = errorChain(error);
  const message = chain.length > 0 ? errorMessage(chain[chain.length - 1]) : errorMessage(error);
  const codes = chain
    .map((e) => str(e.code) ?? str(e.type))
    .filter((c): c is string => c !== undefined);
  const names = chain.map((e) => str(e.name) ?? "");
  const messages = chain.map((e) => errorMessage(e));
  const code = codes.find((c) => !/^\d+$/.test(c));
  const kafkaStep = step === "kafka" || step === "metadata";
  const result = (kind: FailureKind): StepError =>
    code ? { kind, message, code } : { kind, message };

  if (names.includes("KafkaJSSASLAuthenticationError")) {
    return messages.some((m) => /mechanism is not supported/i.test(m))
      ? result("sasl-mechanism")
      : result("sasl-authentication");
  }
  if (codes.includes("UNSUPPORTED_SASL_MECHANISM")) return result("sasl-mechanism");
  if (codes.includes("ILLEGAL_SASL_STATE")) return result("sasl-not-expected");
  if (codes.includes("SASL_AUTHENTICATION_FAILED")) return result("sasl-authentication");

  if (step === "tls") {
    if (codes.includes("ERR_TLS_CERT_ALTNAME_INVALID")) return result("tls-hostname");
    if (codes.some((c) => CERTIFICATE_CODES.has(c))) return result("tls-certificate");
    // A plaintext listener reads the ClientHello as an absurd request size and hangs up, or
    // answers with bytes that are no TLS record.
    if (
      codes.some(
        (c) => c === "ECONNRESET" || c === "EPROTO" || c === "ERR_SSL_WRONG_VERSION_NUMBER",
      ) ||
      messages.some((m) =>
        /before secure TLS connection|wrong version number|packet length too long/i.test(m),
      )
    ) {
      return result("tls-not-spoken");
    }
  }

  for (const c of codes) {
    const kind = SOCKET_KINDS[c];
    if (kind && !(kafkaStep && kind === "connection-reset")) return result(kind);
  }

  const closed =
    names.includes("KafkaJSConnectionClosedError") ||
    (kafkaStep && codes.includes("ECONNRESET")) ||
    messages.some((m) => /^Closed connection$/i.test(m));
  if (closed && kafkaStep) {
    // A SASL listener answers ApiVersions (allowed before authentication), then hangs up at the
    // first other request from a client that skipped the SASL handshake.
    if (!context.bytesReceived) return result("closed-without-answer");
    if (!context.clientUsesSasl) return result("sasl-expected");
  }
  if (closed) return result("connection-reset");

  if (
    names.includes("KafkaJSRequestTimeoutError") ||
    names.includes("KafkaJSTimeout") ||
    names.includes("KafkaJSLockTimeout") ||
    messages.some((m) => /Connection timeout|timed out/i.test(m))
  ) {
    return result("timeout");
  }
  if (step === "tls") return result("tls");
  return result("other");
}
