/**
 * Key and trust stores made by Java 17's keytool, read by lib/kafka/tls-stores.ts and handed to
 * Node's TLS against a TLS server that requires a client certificate (the server loads its own
 * PKCS12 store with Node's `pfx`, an independent reader).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SslSettings } from "./client-config/security";
import { StoreError, withStoreMaterial } from "./tls-stores";

const dir = mkdtempSync(join(tmpdir(), "tributary-stores-"));
const file = (name: string) => join(dir, name);
const keytool = (...args: string[]) => execFileSync("keytool", args, { stdio: "pipe" });

let server: tls.Server;
let port = 0;
const clients: string[] = [];

beforeAll(async () => {
  keytool(
    "-genkeypair",
    "-alias",
    "broker",
    "-keyalg",
    "RSA",
    "-keysize",
    "2048",
    "-dname",
    "CN=localhost",
    "-ext",
    "SAN=dns:localhost,ip:127.0.0.1",
    "-validity",
    "2",
    "-keystore",
    file("server.p12"),
    "-storetype",
    "PKCS12",
    "-storepass",
    "server-pw",
  );
  keytool(
    "-exportcert",
    "-alias",
    "broker",
    "-rfc",
    "-keystore",
    file("server.p12"),
    "-storepass",
    "server-pw",
    "-file",
    file("server.pem"),
  );
  for (const type of ["JKS", "PKCS12"]) {
    const ext = type === "JKS" ? "jks" : "p12";
    keytool(
      "-importcert",
      "-noprompt",
      "-alias",
      "broker-ca",
      "-file",
      file("server.pem"),
      "-keystore",
      file(`trust.${ext}`),
      "-storetype",
      type,
      "-storepass",
      "trust-pw",
    );
    keytool(
      "-genkeypair",
      "-alias",
      "client",
      "-keyalg",
      "RSA",
      "-keysize",
      "2048",
      "-dname",
      `CN=client-${ext}`,
      "-validity",
      "2",
      "-keystore",
      file(`client.${ext}`),
      "-storetype",
      type,
      "-storepass",
      "client-pw",
      "-keypass",
      "client-pw",
    );
    keytool(
      "-exportcert",
      "-alias",
      "client",
      "-rfc",
      "-keystore",
      file(`client.${ext}`),
      "-storepass",
      "client-pw",
      "-file",
      file(`client-${ext}.pem`),
    );
  }
  server = tls.createServer(
    {
      pfx: readFileSync(file("server.p12")),
      passphrase: "server-pw",
      requestCert: true,
      rejectUnauthorized: true,
      ca: [
        readFileSync(file("client-jks.pem"), "utf8"),
        readFileSync(file("client-p12.pem"), "utf8"),
      ],
    },
    (socket) => {
      clients.push(String(socket.getPeerCertificate().subject?.CN));
      socket.end("ok");
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
}, 60_000);

afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(ssl: SslSettings): Promise<string> {
  const material = withStoreMaterial(ssl);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      servername: "localhost",
      ca: material.ca,
      cert: material.cert,
      key: material.key,
    });
    let data = "";
    socket.on("data", (d) => (data += d));
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
  });
}

describe("trust and key stores from keytool", () => {
  for (const [type, ext] of [
    ["JKS", "jks"],
    ["PKCS12", "p12"],
  ] as const) {
    it(`connects with a ${type} trust store and a ${type} key store`, async () => {
      const reply = await connect({
        verifyHostname: true,
        truststoreFile: { location: file(`trust.${ext}`), type, password: "trust-pw" },
        keystoreFile: { location: file(`client.${ext}`), type, password: "client-pw" },
      });
      expect(reply).toBe("ok");
      expect(clients).toContain(`client-${ext}`);
    });
  }

  it("reads a PEM trust store file", async () => {
    const material = withStoreMaterial({
      verifyHostname: true,
      truststoreFile: { location: file("server.pem"), type: "PEM" },
    });
    expect(material.ca).toContain("BEGIN CERTIFICATE");
    expect(material.truststoreFile).toBeUndefined();
  });

  it("fails the handshake without the broker's certificate in the trust store", async () => {
    await expect(
      connect({
        verifyHostname: true,
        truststoreFile: { location: file("client-jks.pem"), type: "PEM" },
        keystoreFile: { location: file("client.jks"), type: "JKS", password: "client-pw" },
      }),
    ).rejects.toThrow(/self.signed|unable to verify|certificate/i);
  });

  it("names the store and never the password when it cannot be opened", () => {
    const wrong = () =>
      withStoreMaterial({
        verifyHostname: true,
        truststoreFile: { location: file("trust.p12"), type: "PKCS12", password: "not-it-123" },
      });
    expect(wrong).toThrow(StoreError);
    expect(wrong).toThrow(/trust store '.*trust\.p12' \(PKCS12\)/);
    try {
      wrong();
    } catch (e) {
      expect((e as Error).message).not.toContain("not-it-123");
    }
    expect(() =>
      withStoreMaterial({
        verifyHostname: true,
        keystoreFile: { location: file("missing.jks"), type: "JKS", password: "x" },
      }),
    ).toThrow("Could not read the key store");
  });
});
