/**
 * Test helper: key and trust stores made by Java's keytool, as users make them — a server's
 * PKCS12 key store with its certificate (PEM), and a trust store holding that certificate in JKS
 * and PKCS12 form.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface KeytoolStores {
  dir: string;
  file(name: string): string;
  bytes(name: string): Buffer;
  remove(): void;
}

const keytool = (...args: string[]) => execFileSync("keytool", args, { stdio: "pipe" });

/**
 * server.p12 (password server-pw, CN=localhost), server.pem, trust.jks and trust.p12 (trust-pw),
 * and a client key store client.p12 (client-pw, CN=tributary-client) with its certificate client.pem.
 */
export function makeKeytoolStores(): KeytoolStores {
  const dir = mkdtempSync(join(tmpdir(), "tributary-store-resources-"));
  const file = (name: string) => join(dir, name);
  keytool(
    ...["-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048"],
    ...["-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2"],
    ...["-keystore", file("server.p12"), "-storetype", "PKCS12", "-storepass", "server-pw"],
  );
  keytool(
    ...["-exportcert", "-alias", "broker", "-rfc", "-keystore", file("server.p12")],
    ...["-storepass", "server-pw", "-file", file("server.pem")],
  );
  for (const [type, ext] of [
    ["JKS", "jks"],
    ["PKCS12", "p12"],
  ]) {
    keytool(
      ...["-importcert", "-noprompt", "-alias", "broker-ca", "-file", file("server.pem")],
      ...["-keystore", file(`trust.${ext}`), "-storetype", type, "-storepass", "trust-pw"],
    );
  }
  keytool(
    ...["-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048"],
    ...["-dname", "CN=tributary-client", "-validity", "2", "-keystore", file("client.p12")],
    ...["-storetype", "PKCS12", "-storepass", "client-pw", "-keypass", "client-pw"],
  );
  keytool(
    ...["-exportcert", "-alias", "client", "-rfc", "-keystore", file("client.p12")],
    ...["-storepass", "client-pw", "-file", file("client.pem")],
  );
  return {
    dir,
    file,
    bytes: (name) => readFileSync(file(name)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
