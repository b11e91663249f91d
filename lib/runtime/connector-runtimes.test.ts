import { describe, expect, it } from "vitest";
import { connectorIdentifiers, getConnectorFactory } from "@/lib/connectors/registry";
import type { PlannedTable } from "@/lib/sql/plan";
import { embeddedRoles, sinkSetup, sourceSetup } from "./connector-runtimes";
import type { SetupEnv } from "./job-connections";

describe("the embedded engine's connector runtimes", () => {
  it("build a source or sink for every role a descriptor declares, and no other", () => {
    for (const id of connectorIdentifiers()) {
      const roles = getConnectorFactory(id)!.roles;
      expect(embeddedRoles(id), id).toEqual({
        source: roles.includes("source"),
        sink: roles.includes("sink"),
      });
    }
  });

  it("refuse a role the connector does not have, naming it", async () => {
    const print = {
      path: ["default_catalog", "default_database", "p"],
      resolved: {
        connector: "print",
        role: "sink",
        standardError: false,
        physicalFields: [],
        changelogMode: "all",
      },
    } as unknown as PlannedTable;
    const env = {} as SetupEnv;
    await expect(sourceSetup(print, 1, env)).rejects.toThrow(
      "Connector 'print' cannot be read from.",
    );
    const gen = { ...print, resolved: { connector: "datagen" } } as unknown as PlannedTable;
    await expect(
      sinkSetup(
        { insert: { sink: gen } as never, parallelism: 1, checkpointIntervalMs: 1000 },
        env,
      ),
    ).rejects.toThrow("Connector 'datagen' cannot be written to.");
  });
});
