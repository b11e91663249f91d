/** Flink's SQL Gateway REST API (v1..v3 share these calls), typed, answers Zod-parsed. */
import { z } from "zod";
import { flinkRequest } from "./http";

const info = z.object({ productName: z.string(), version: z.string() });
const session = z.object({ sessionHandle: z.string() });
const operation = z.object({ operationHandle: z.string() });
const status = z.object({ status: z.string() });
const result = z.object({
  resultType: z.string(),
  jobID: z.string().nullish(),
  nextResultUri: z.string().nullish(),
});

export type OperationStatus =
  "INITIALIZED" | "PENDING" | "RUNNING" | "FINISHED" | "CANCELED" | "CLOSED" | "ERROR" | "TIMEOUT";

export class SqlGatewayClient {
  constructor(readonly url: string) {}

  info() {
    return flinkRequest("SQL Gateway info", "GET", `${this.url}/v1/info`, info);
  }

  async openSession(name: string, properties: Record<string, string>): Promise<string> {
    const s = await flinkRequest(
      "Opening a SQL Gateway session",
      "POST",
      `${this.url}/v1/sessions`,
      session,
      {
        sessionName: name,
        properties,
      },
    );
    return s.sessionHandle;
  }

  async closeSession(sessionHandle: string): Promise<void> {
    await flinkRequest(
      "Closing a SQL Gateway session",
      "DELETE",
      `${this.url}/v1/sessions/${sessionHandle}`,
      z.unknown(),
    );
  }

  async executeStatement(sessionHandle: string, statement: string): Promise<string> {
    const o = await flinkRequest(
      "Submitting a statement",
      "POST",
      `${this.url}/v1/sessions/${sessionHandle}/statements`,
      operation,
      { statement },
    );
    return o.operationHandle;
  }

  async operationStatus(sessionHandle: string, operationHandle: string): Promise<OperationStatus> {
    const s = await flinkRequest(
      "Reading a statement's status",
      "GET",
      `${this.url}/v1/sessions/${sessionHandle}/operations/${operationHandle}/status`,
      status,
    );
    return s.status as OperationStatus;
  }

  /** The first page of a statement's result; for an INSERT it carries the Flink job id. A failed statement throws FlinkHttpError with Flink's exception. */
  fetchResult(sessionHandle: string, operationHandle: string) {
    return flinkRequest(
      "Reading a statement's result",
      "GET",
      `${this.url}/v1/sessions/${sessionHandle}/operations/${operationHandle}/result/0?rowFormat=JSON`,
      result,
    );
  }
}
