/**
 * The shape of a connectivity diagnosis: what was tried against each address, in order, and the
 * plain-words explanation. Shared by the API, the CLI and the console page. Browser-safe.
 */

export type SecurityProtocol = "PLAINTEXT" | "SSL" | "SASL_PLAINTEXT" | "SASL_SSL";

/** The checks made against one address, in the order a Kafka client makes them. */
export type StepName = "dns" | "tcp" | "tls" | "kafka" | "metadata";

/** Why a step failed, in categories the explanation knows how to put into words. */
export type FailureKind =
  | "dns-not-found"
  | "dns-unavailable"
  | "connection-refused"
  | "timeout"
  | "unreachable"
  | "connection-reset"
  | "tls-not-spoken"
  | "tls-certificate"
  | "tls-hostname"
  | "tls"
  /** The broker rejected the SASL credentials. */
  | "sasl-authentication"
  /** The broker does not enable the configured SASL mechanism on this listener. */
  | "sasl-mechanism"
  /** The client asked for SASL, the listener has none (PLAINTEXT or SSL). */
  | "sasl-not-expected"
  /** The listener answered ApiVersions, then closed at the first real request: it wants SASL. */
  | "sasl-expected"
  /** The listener closed without answering the first Kafka request: TLS, or not Kafka at all. */
  | "closed-without-answer"
  /** The address answers, but for another Kafka cluster than the bootstrap servers. */
  | "other-cluster"
  | "not-run"
  | "other";

export interface StepError {
  kind: FailureKind;
  /** The underlying error's message, with every secret replaced by ******. */
  message: string;
  /** The system or Kafka error code, e.g. ECONNREFUSED or ILLEGAL_SASL_STATE. */
  code?: string;
}

export interface Step {
  name: StepName;
  /** What was done, e.g. "TCP connect to 10.0.0.7:9092". */
  label: string;
  status: "ok" | "failed" | "skipped";
  durationMs?: number;
  /** What was found (ok), or why the step was skipped. */
  detail?: string;
  error?: StepError;
}

export interface EndpointCheck {
  /** host:port as given (bootstrap) or as advertised. */
  address: string;
  host: string;
  port: number;
  role: "bootstrap" | "advertised";
  /** The broker that advertises this address (advertised endpoints only). */
  nodeId?: number;
  ok: boolean;
  steps: Step[];
}

export interface ClusterMetadata {
  clusterId: string;
  controllerId: number | null;
  /** Every broker with its advertised endpoint for the listener the client connected to. */
  brokers: Array<{ nodeId: number; host: string; port: number }>;
  /** The bootstrap address the metadata was read through. */
  readThrough: string;
}

export type Verdict =
  | "ok"
  | "invalid-properties"
  | "bootstrap-dns"
  | "bootstrap-unreachable"
  | "tls-failed"
  | "sasl-authentication-failed"
  | "sasl-mechanism-not-enabled"
  | "security-protocol-mismatch"
  | "bootstrap-failed"
  | "no-brokers"
  | "advertised-listener-unreachable"
  | "bootstrap-partly-unreachable";

export interface Explanation {
  verdict: Verdict;
  /** What happened, in plain words. */
  summary: string;
  /** What to change, when something is wrong. */
  fix?: string;
  /** Side remarks: property warnings, loopback addresses, and the like. */
  notes: string[];
}

export interface PropertyIssue {
  key: string;
  severity: "error" | "warning";
  message: string;
}

export interface DiagnosisReport {
  ok: boolean;
  checkedAt: string;
  durationMs: number;
  bootstrapServers: string[];
  securityProtocol: SecurityProtocol;
  saslMechanism?: string;
  /** The SASL user name from sasl.jaas.config (never its password). */
  saslUsername?: string;
  /** The properties used, secrets replaced by ******. */
  properties: Record<string, string>;
  propertyIssues: PropertyIssue[];
  bootstrap: EndpointCheck[];
  cluster?: ClusterMetadata;
  /** One check per advertised broker endpoint (empty when no metadata could be read). */
  brokers: EndpointCheck[];
  explanation: Explanation;
}

/** What the explanation is derived from: the report without its verdict and bookkeeping. */
export type DiagnosisFacts = Pick<
  DiagnosisReport,
  | "securityProtocol"
  | "saslMechanism"
  | "saslUsername"
  | "propertyIssues"
  | "bootstrap"
  | "cluster"
  | "brokers"
>;
