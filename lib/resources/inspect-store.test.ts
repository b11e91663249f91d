/**
 * What a store upload is, from its bytes: JKS by its magic, PKCS12 as a DER PFX, PEM by its blocks;
 * opened with the password when one is given (a wrong one refused without echoing it), only its
 * format checked otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectStore, storeTypeOf } from "./inspect-store";
import { domainStatus } from "@/lib/api/domain-status";
import { DomainError } from "@/lib/domain-errors";
import { makeKeytoolStores, type KeytoolStores } from "./testing/keytool-stores";

let stores: KeytoolStores;
beforeAll(() => {
  stores = makeKeytoolStores();
}, 60_000);
afterAll(() => stores?.remove());

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return { status: domainStatus(e as DomainError), message: (e as Error).message };
  }
  throw new Error("not refused");
};

describe("inspectStore", () => {
  it("tells the container format from the bytes, whatever the file is called", () => {
    expect(storeTypeOf(stores.bytes("trust.jks"))).toBe("JKS");
    expect(storeTypeOf(stores.bytes("trust.p12"))).toBe("PKCS12");
    expect(storeTypeOf(stores.bytes("server.p12"))).toBe("PKCS12");
    expect(storeTypeOf(stores.bytes("server.pem"))).toBe("PEM");
    expect(storeTypeOf(Buffer.from([0xce, 0xce, 0xce, 0xce, 0, 0, 0, 2]))).toBe("JCEKS");
    expect(storeTypeOf(Buffer.from("PK\u0003\u0004 not a store at all"))).toBeUndefined();
    // A DER SEQUENCE that is no PFX (an X.509 certificate) is not taken for PKCS12.
    const der = Buffer.from(
      stores
        .bytes("server.pem")
        .toString("utf8")
        .replace(/-----[A-Z ]+-----|\s/g, ""),
      "base64",
    );
    expect(storeTypeOf(der)).toBeUndefined();
  });

  for (const [file, type] of [
    ["trust.jks", "JKS"],
    ["trust.p12", "PKCS12"],
  ] as const) {
    it(`opens a ${type} trust store with its password and lists its certificates`, () => {
      expect(inspectStore(stores.bytes(file), file, "trust-pw")).toEqual({
        type,
        certificates: ["CN=localhost"],
        hasPrivateKey: false,
        warnings: [],
      });
    });

    it(`checks only the format of a ${type} store uploaded without its password`, () => {
      const contents = inspectStore(stores.bytes(file), file);
      expect(contents.type).toBe(type);
      expect(contents.certificates).toEqual([]);
      expect(contents.warnings).toEqual([
        `The ${type} store was not opened (no password given with the upload): only its format was checked. A wrong password shows when a job starts.`,
      ]);
    });

    it(`refuses a ${type} store with a wrong password, never echoing it`, () => {
      const r = refusal(() => inspectStore(stores.bytes(file), file, "not-the-pw-42"));
      expect(r.status).toBe(422);
      expect(r.message).toBe(
        `The ${type} store does not open with the password given (wrong password or damaged file).`,
      );
      expect(r.message).not.toContain("not-the-pw-42");
    });
  }

  it("finds a key store's private key", () => {
    const contents = inspectStore(stores.bytes("server.p12"), "server.p12", "server-pw");
    expect(contents).toMatchObject({ type: "PKCS12", hasPrivateKey: true });
    expect(contents.certificates).toEqual(["CN=localhost"]);
  });

  it("reads a PEM file's certificates and notices its private key", () => {
    expect(inspectStore(stores.bytes("server.pem"), "ca.pem")).toEqual({
      type: "PEM",
      certificates: ["CN=localhost"],
      hasPrivateKey: false,
      warnings: [],
    });
    const withKey = Buffer.from(
      `${stores.bytes("server.pem").toString()}\n-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n`,
    );
    expect(inspectStore(withKey, "client.pem").hasPrivateKey).toBe(true);
  });

  it("refuses what is no store, a JCEKS store, and a PEM block that is no certificate", () => {
    expect(refusal(() => inspectStore(Buffer.from("hello, world"), "t.jks"))).toEqual({
      status: 415,
      message:
        "'t.jks' is not a key or trust store: expected a JKS store (starting with 0xFEEDFEED), a PKCS12 store (DER) or PEM text with -----BEGIN CERTIFICATE----- or -----BEGIN PRIVATE KEY----- blocks.",
    });
    expect(
      refusal(() => inspectStore(Buffer.from([0xce, 0xce, 0xce, 0xce, 0, 0, 0, 2]), "t.jks"))
        .message,
    ).toMatch(/^'t\.jks' is a JCEKS key store, which Tributary cannot read: convert it to PKCS12/);
    expect(
      refusal(() =>
        inspectStore(
          Buffer.from("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"),
          "ca.pem",
        ),
      ),
    ).toEqual({
      status: 422,
      message: "Certificate 1 of 'ca.pem' is not a valid X.509 certificate.",
    });
    expect(
      refusal(() =>
        inspectStore(
          Buffer.from("-----BEGIN PUBLIC KEY-----\nbm90IGEgY2VydA==\n-----END PUBLIC KEY-----\n"),
          "ca.pem",
        ),
      ).message,
    ).toBe("'ca.pem' holds no PEM certificate or private key (blocks found: PUBLIC KEY).");
  });
});
