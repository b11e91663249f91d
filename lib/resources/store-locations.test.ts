import { describe, expect, it } from "vitest";
import { attachedFileName, kindOfFile, resourceNameFromFile } from "./resource-kind";
import { AttachedStoreMissing, withAttachedStoreLocations } from "./store-locations";

describe("attached store locations", () => {
  it("names an attached file only directly under /flink/usrlib/", () => {
    expect(attachedFileName("/flink/usrlib/kafka.client.truststore.jks")).toBe(
      "kafka.client.truststore.jks",
    );
    expect(attachedFileName("/flink/usrlib/")).toBeUndefined();
    expect(attachedFileName("/flink/usrlib/a/b.jks")).toBeUndefined();
    expect(attachedFileName("/etc/kafka/truststore.jks")).toBeUndefined();
    expect(attachedFileName("flink/usrlib/t.jks")).toBeUndefined();
  });

  it("takes .jks, .p12, .pfx, .pem and .crt files as stores, keeping their extension in the name", () => {
    for (const f of ["t.jks", "T.P12", "c.pfx", "ca.pem", "ca.crt"])
      expect(kindOfFile(f)).toBe("STORE");
    expect(kindOfFile("t.jar")).toBe("JAR");
    expect(kindOfFile("t.keystore")).toBeUndefined();
    expect(resourceNameFromFile("kafka.client.truststore.jks")).toBe("kafka.client.truststore.jks");
  });

  it("points the locations at the worker's copies and leaves other keys and paths alone", async () => {
    const copies: Record<string, string> = {
      "trust.jks": "/tmp/copies/1/trust.jks",
      "client.p12": "/tmp/copies/2/client.p12",
    };
    const asked: string[] = [];
    const out = await withAttachedStoreLocations(
      {
        "bootstrap.servers": "b:9093",
        "ssl.truststore.location": "/flink/usrlib/trust.jks",
        "ssl.keystore.location": "/flink/usrlib/client.p12",
        "ssl.truststore.password": "pw",
      },
      async (f) => {
        asked.push(f);
        return copies[f];
      },
    );
    expect(out).toEqual({
      "bootstrap.servers": "b:9093",
      "ssl.truststore.location": "/tmp/copies/1/trust.jks",
      "ssl.keystore.location": "/tmp/copies/2/client.p12",
      "ssl.truststore.password": "pw",
    });
    expect(asked).toEqual(["trust.jks", "client.p12"]);
    const path = { "ssl.truststore.location": "/etc/kafka/t.jks" };
    expect(await withAttachedStoreLocations(path, undefined)).toEqual(path);
  });

  it("fails by name when the store is not attached", async () => {
    const missing = withAttachedStoreLocations(
      { "ssl.keystore.location": "/flink/usrlib/client.p12" },
      async () => undefined,
    );
    await expect(missing).rejects.toThrow(AttachedStoreMissing);
    await expect(missing).rejects.toThrow(
      "'properties.ssl.keystore.location' = '/flink/usrlib/client.p12' names an attached store, but no key or trust store resource with the file name 'client.p12' is attached to this job: attach it (/flink/usrlib/<file name> names attached resources) and deploy again.",
    );
    await expect(
      withAttachedStoreLocations({ "ssl.keystore.location": "/flink/usrlib/c.p12" }, undefined),
    ).rejects.toThrow(AttachedStoreMissing);
  });
});
