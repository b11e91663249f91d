/**
 * `properties.ssl.*store.location` = '/flink/usrlib/<file>' against the job's attached stores:
 * an unattached file is an error on the location's value (with a "did you mean"), a PEM file
 * under the default JKS type an error on the type, and any other path is left to the worker.
 */
import { describe, expect, it } from "vitest";
import { validateScript } from "@/lib/sql/validate";
import type { AttachedStoreFile } from "./factory";
import { attachedStoreFiles } from "./attached-stores";

const table = (options: string) => `CREATE TABLE s (k STRING) WITH (
  'connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'b:9093', 'format' = 'csv',
  'properties.security.protocol' = 'SSL',
  ${options});`;

const errors = (sql: string, stores?: AttachedStoreFile[]) =>
  validateScript(sql, { attachedStoreFiles: stores })
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => ({ line: d.line, column: d.column, message: d.message }));

const JKS: AttachedStoreFile = { fileName: "kafka.client.truststore.jks", type: "JKS" };
const PEM: AttachedStoreFile = { fileName: "ca.pem", type: "PEM" };

describe("attached key and trust stores in ssl.*store.location", () => {
  const trust = table(
    `'properties.ssl.truststore.location' = '/flink/usrlib/kafka.client.truststore.jks', 'properties.ssl.truststore.password' = 'pw'`,
  );

  it("accepts a location naming an attached store", () => {
    expect(errors(trust, [JKS])).toEqual([]);
    // A PKCS12 file under type JKS loads in Java too (keystore.type.compat).
    expect(errors(trust, [{ ...JKS, type: "PKCS12" }])).toEqual([]);
  });

  it("does not judge the location when the job's resources are not known", () => {
    expect(errors(trust)).toEqual([]);
  });

  it("refuses an unattached file at the location's value, suggesting the closest attached one", () => {
    const typo = table(
      `'properties.ssl.truststore.location' = '/flink/usrlib/kafka.client.trustore.jks', 'properties.ssl.truststore.password' = 'pw'`,
    );
    expect(errors(typo, [JKS, PEM])).toEqual([
      {
        line: 4,
        column: 42,
        message:
          "No trust store 'kafka.client.trustore.jks' is attached to the job: '/flink/usrlib/<file name>' names an attached key or trust store resource. Did you mean '/flink/usrlib/kafka.client.truststore.jks'?",
      },
    ]);
    expect(errors(trust, [])[0].message).toBe(
      "No trust store 'kafka.client.truststore.jks' is attached to the job: '/flink/usrlib/<file name>' names an attached key or trust store resource. Upload it on the resources page and attach it to the job.",
    );
  });

  it("refuses a PEM file read as the default JKS type, and a JKS file read as PEM", () => {
    const pem = table(`'properties.ssl.truststore.location' = '/flink/usrlib/ca.pem'`);
    expect(errors(pem, [PEM])).toEqual([
      {
        line: 4,
        column: 42,
        message:
          "The trust store 'ca.pem' is a PEM file, but 'properties.ssl.truststore.type' is JKS (the default): set 'properties.ssl.truststore.type' = 'PEM'.",
      },
    ]);
    expect(
      errors(
        table(
          `'properties.ssl.truststore.location' = '/flink/usrlib/ca.pem', 'properties.ssl.truststore.type' = 'PEM'`,
        ),
        [PEM],
      ),
    ).toEqual([]);
    const keystore = table(
      `'properties.ssl.keystore.type' = 'PEM', 'properties.ssl.keystore.location' = '/flink/usrlib/kafka.client.truststore.jks'`,
    );
    expect(errors(keystore, [JKS]).map((e) => e.message)).toEqual([
      "The key store 'kafka.client.truststore.jks' is a JKS file, but 'properties.ssl.keystore.type' is PEM: set 'properties.ssl.keystore.type' = 'JKS'.",
    ]);
  });

  it("leaves a path on the worker alone", () => {
    const path = table(
      `'properties.ssl.truststore.location' = '/etc/kafka/truststore.jks', 'properties.ssl.truststore.password' = 'pw'`,
    );
    expect(errors(path, [])).toEqual([]);
    // A subdirectory of /flink/usrlib is a path too: attached files have no directories.
    expect(
      errors(
        table(
          `'properties.ssl.truststore.location' = '/flink/usrlib/sub/t.jks', 'properties.ssl.truststore.password' = 'pw'`,
        ),
        [],
      ),
    ).toEqual([]);
  });

  it("lists only the stores among a job's resources", () => {
    expect(
      attachedStoreFiles([
        { kind: "JAR", fileName: "p.jar" },
        { kind: "STORE", fileName: "t.jks", storeType: "JKS" },
        { kind: "STORE", fileName: "ca.pem", storeType: "PEM" },
      ]),
    ).toEqual([
      { fileName: "t.jks", type: "JKS" },
      { fileName: "ca.pem", type: "PEM" },
    ]);
  });
});
