/**
 * Key and trust stores as Java clients configure them (ssl.truststore.location /
 * ssl.keystore.location with type JKS, PKCS12 or PEM and their passwords), read on the worker and
 * handed to Node's TLS as PEM: trusted certificates become `ca`, the key entry becomes `key` and
 * its chain `cert`. JKS and PKCS12 are read with jks-js (node-forge underneath for PKCS12), a
 * maintained reader, rather than by hand. Errors name the store and its type, never a password.
 * Server-only (reads files).
 */
import { readFileSync } from "node:fs";
import jks from "jks-js";
import type { SslSettings, StoreFile } from "./client-config/security";

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}

interface StoreMaterial {
  certificates: string[];
  key?: string;
  chain?: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;

function readStore(store: StoreFile, role: "trust" | "key"): StoreMaterial {
  const what = `${role} store '${store.location}' (${store.type})`;
  let bytes: Buffer;
  try {
    bytes = readFileSync(store.location);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StoreError(
      `Could not read the ${what}: ${code === "ENOENT" ? "no such file on this worker" : ((e as Error).message ?? code)}`,
    );
  }
  if (store.type === "PEM") {
    const blocks = [...bytes.toString("utf8").matchAll(PEM_BLOCK)];
    const certificates = blocks.filter((b) => b[1] === "CERTIFICATE").map((b) => b[0]);
    const key = blocks.find((b) => b[1].endsWith("PRIVATE KEY"))?.[0];
    if (certificates.length === 0 && !key)
      throw new StoreError(`The ${what} holds no PEM certificate or private key`);
    return { certificates, key, chain: certificates.join("\n") || undefined };
  }
  let entries: ReturnType<typeof jks.toPem>;
  try {
    entries = jks.toPem(bytes, store.password ?? "", store.keyPassword ?? store.password ?? "");
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new StoreError(
      `Could not load the ${what}: ${/password|mac|integrity|decrypt/i.test(reason) ? "wrong password or damaged file" : reason}`,
    );
  }
  const material: StoreMaterial = { certificates: [] };
  for (const entry of Object.values(entries)) {
    if (entry.ca) material.certificates.push(entry.ca);
    if (entry.key && !material.key) {
      material.key = entry.key;
      material.chain = entry.cert;
    }
    if (entry.cert && !entry.key) material.certificates.push(entry.cert);
  }
  return material;
}

/**
 * The settings with the stores' material in place of their file names: trusted certificates
 * join `ca`, the key store's first key entry gives `key` and `cert` (decrypted; no passphrase).
 */
export function withStoreMaterial(ssl: SslSettings): SslSettings {
  if (!ssl.truststoreFile && !ssl.keystoreFile) return ssl;
  const out: SslSettings = { ...ssl };
  if (ssl.truststoreFile) {
    const trust = readStore(ssl.truststoreFile, "trust");
    if (trust.certificates.length === 0)
      throw new StoreError(
        `The trust store '${ssl.truststoreFile.location}' (${ssl.truststoreFile.type}) holds no trusted certificate`,
      );
    out.ca = [out.ca, ...trust.certificates].filter(Boolean).join("\n");
  }
  if (ssl.keystoreFile) {
    const keys = readStore(ssl.keystoreFile, "key");
    if (!keys.key || !keys.chain)
      throw new StoreError(
        `The key store '${ssl.keystoreFile.location}' (${ssl.keystoreFile.type}) holds no private key with its certificate chain`,
      );
    out.key = keys.key;
    out.cert = keys.chain;
    // jks-js hands the key decrypted; a PEM file's key may still need ssl.key.password.
    if (ssl.keystoreFile.type !== "PEM") delete out.passphrase;
  }
  delete out.truststoreFile;
  delete out.keystoreFile;
  return out;
}
