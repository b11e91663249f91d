/**
 * What a key or trust store upload is: its container format (JKS, PKCS12 or PEM), found from its
 * bytes as Java's KeyStore loaders recognise them (a JKS file starts with the magic 0xFEEDFEED, a
 * PKCS12 file is a DER PFX — a SEQUENCE whose first element is version 3 —, a PEM file holds
 * `-----BEGIN …-----` blocks), and, when the upload gives the store's password, that the store
 * opens with it and holds a certificate (jks-js, the reader the worker uses). Without a password
 * only the container format is checked: a JKS or PKCS12 store cannot be opened without it.
 * Server-only. The password is never stored, logged or echoed.
 */
import { X509Certificate } from "node:crypto";
import { Invalid, UnsupportedType } from "@/lib/domain-errors";
import jks from "jks-js";

export type StoreType = "JKS" | "PKCS12" | "PEM";

export interface StoreContents {
  type: StoreType;
  /** Subjects of the certificates found (PEM always; JKS and PKCS12 when the password was given). */
  certificates: string[];
  /** Whether a private key was found (a key store) — known for PEM, or with the password. */
  hasPrivateKey?: boolean;
  warnings: string[];
}

const JKS_MAGIC = 0xfeedfeed;
const JCEKS_MAGIC = 0xcececece;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

/** The container format of a store's bytes, or undefined when it is none of the three. */
export function storeTypeOf(bytes: Buffer): StoreType | "JCEKS" | undefined {
  if (bytes.length >= 8) {
    const magic = bytes.readUInt32BE(0);
    if (magic === JKS_MAGIC) return "JKS";
    if (magic === JCEKS_MAGIC) return "JCEKS";
  }
  if (isPfx(bytes)) return "PKCS12";
  if (/-----BEGIN [A-Z0-9 ]+-----/.test(bytes.subarray(0, 64 * 1024).toString("latin1")))
    return "PEM";
  return undefined;
}

/** A DER SEQUENCE (definite length) whose first element is INTEGER 3: PKCS #12's PFX. */
function isPfx(b: Buffer): boolean {
  if (b.length < 8 || b[0] !== 0x30) return false;
  let i = 1;
  const first = b[i++];
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4) return false;
    let length = 0;
    for (let k = 0; k < n; k++) length = length * 256 + b[i++];
    if (i + length > b.length) return false;
  } else if (i + first > b.length) return false;
  return b[i] === 0x02 && b[i + 1] === 0x01 && b[i + 2] === 0x03;
}

export function inspectStore(bytes: Buffer, fileName: string, password?: string): StoreContents {
  const type = storeTypeOf(bytes);
  if (type === "JCEKS")
    throw new UnsupportedType(
      `'${fileName}' is a JCEKS key store, which Tributary cannot read: convert it to PKCS12 (keytool -importkeystore -srcstoretype JCEKS -deststoretype PKCS12).`,
    );
  if (type === undefined)
    throw new UnsupportedType(
      `'${fileName}' is not a key or trust store: expected a JKS store (starting with 0xFEEDFEED), a PKCS12 store (DER) or PEM text with -----BEGIN CERTIFICATE----- or -----BEGIN PRIVATE KEY----- blocks.`,
    );
  return type === "PEM" ? inspectPem(bytes, fileName) : inspectKeyStore(bytes, type, password);
}

function inspectPem(bytes: Buffer, fileName: string): StoreContents {
  const blocks = [...bytes.toString("utf8").matchAll(PEM_BLOCK)];
  const certificates: string[] = [];
  for (const [block, label] of blocks) {
    if (label !== "CERTIFICATE") continue;
    try {
      certificates.push(new X509Certificate(block).subject.replace(/\n/g, ", "));
    } catch {
      throw new Invalid(
        `Certificate ${certificates.length + 1} of '${fileName}' is not a valid X.509 certificate.`,
      );
    }
  }
  const hasPrivateKey = blocks.some(([, label]) => label.endsWith("PRIVATE KEY"));
  if (certificates.length === 0 && !hasPrivateKey)
    throw new Invalid(
      `'${fileName}' holds no PEM certificate or private key (blocks found: ${blocks.map((b) => b[1]).join(", ") || "none"}).`,
    );
  return { type: "PEM", certificates, hasPrivateKey, warnings: [] };
}

function inspectKeyStore(
  bytes: Buffer,
  type: "JKS" | "PKCS12",
  password: string | undefined,
): StoreContents {
  if (password === undefined)
    return {
      type,
      certificates: [],
      warnings: [
        `The ${type} store was not opened (no password given with the upload): only its format was checked. A wrong password shows when a job starts.`,
      ],
    };
  let entries: ReturnType<typeof jks.toPem>;
  try {
    entries = jks.toPem(bytes, password, password);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Invalid(
      /password|mac|integrity|decrypt|tamper/i.test(reason)
        ? `The ${type} store does not open with the password given (wrong password or damaged file).`
        : `The ${type} store could not be read: ${reason}`,
    );
  }
  const certificates: string[] = [];
  let hasPrivateKey = false;
  for (const entry of Object.values(entries)) {
    const pem = entry.ca ?? entry.cert;
    if (entry.key) hasPrivateKey = true;
    if (!pem) continue;
    try {
      certificates.push(new X509Certificate(pem).subject.replace(/\n/g, ", "));
    } catch {
      certificates.push("(unreadable certificate)");
    }
  }
  if (certificates.length === 0) throw new Invalid(`The ${type} store holds no certificate.`);
  return { type, certificates, hasPrivateKey, warnings: [] };
}
