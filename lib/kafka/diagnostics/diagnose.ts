/**
 * diagnoseKafka: walks the path a Kafka client takes — each bootstrap address (DNS, TCP, TLS,
 * ApiVersions and SASL, metadata), then every broker's advertised endpoint the same way, each
 * address alone — and explains the outcome. Never throws for network trouble (that is the
 * report); throws InvalidBootstrapServersError for addresses that are not host:port. Node-only.
 */
import { analyzeSecurity } from "@/lib/kafka/client-config/security";
import { redactProperties, toKafkaJsConfig } from "@/lib/kafka/client-config";
import { hasSecretPlaceholder } from "@/lib/secrets/placeholders";
import {
  formatAddress,
  InvalidBootstrapServersError,
  parseBootstrapAddresses,
  type Address,
} from "./addresses";
import { MAX_BOOTSTRAP_ADDRESSES } from "./schemas";
import { explainDiagnosis } from "./explain";
import { probeDns, probeKafka, probeTcp, probeTls, skipped, type ProbeSettings } from "./probes";
import type {
  ClusterMetadata,
  DiagnosisReport,
  EndpointCheck,
  PropertyIssue,
  Step,
} from "./report";
import { secretScrubber, secretValues } from "./secrets";

export interface DiagnoseOptions {
  /** `host:port,host:port` or a list of them. */
  bootstrapServers: string | readonly string[];
  /** Kafka client properties (security.protocol, sasl.*, ssl.*), bare or with Flink's `properties.` prefix. */
  properties?: Readonly<Record<string, string>>;
  /** Bound of each DNS lookup, connection, handshake and request; default 5 s. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 5_000;

/** Most advertised broker endpoints one diagnosis probes (a real cluster's brokers, with room). */
export const MAX_ADVERTISED_ENDPOINTS = 64;

function uniqueAddresses(addresses: Address[]): Address[] {
  const seen = new Set<string>();
  return addresses.filter((a) => {
    const key = formatAddress({ host: a.host.toLowerCase(), port: a.port });
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function diagnoseKafka(options: DiagnoseOptions): Promise<DiagnosisReport> {
  const started = performance.now();
  const targets = uniqueAddresses(parseBootstrapAddresses(options.bootstrapServers));
  if (targets.length > MAX_BOOTSTRAP_ADDRESSES) {
    throw new InvalidBootstrapServersError(
      `bootstrap.servers names ${targets.length} addresses; a diagnosis probes at most ${MAX_BOOTSTRAP_ADDRESSES}.`,
    );
  }
  const properties = withoutPrefix(options.properties ?? {});
  const security = analyzeSecurity(properties);
  const propertyIssues = checkProperties(properties);
  const scrub = secretScrubber([
    ...secretValues(properties),
    ...(security.sasl ? [security.sasl.password] : []),
  ]);
  const usable = !propertyIssues.some((i) => i.severity === "error");
  const settings: ProbeSettings = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ssl: security.ssl,
    sasl: security.sasl,
    scrub,
  };
  const usesTls = security.protocol === "SSL" || security.protocol === "SASL_SSL";

  const bootstrapResults = await Promise.all(
    targets.map((t) => checkEndpoint(t, "bootstrap", settings, { usesTls, usable })),
  );
  const bootstrap = bootstrapResults.map((r) => r.check);
  const source = bootstrapResults.find((r) => r.cluster !== undefined);
  const cluster: ClusterMetadata | undefined = source?.cluster && {
    ...source.cluster,
    readThrough: source.check.address,
  };

  const brokers = cluster
    ? await Promise.all(
        // Only the endpoints the metadata names, and not unboundedly many of them: a diagnosis
        // must not become a port scan by way of a crafted metadata response.
        cluster.brokers.slice(0, MAX_ADVERTISED_ENDPOINTS).map(async (b) => {
          const { check, cluster: seen } = await checkEndpoint(b, "advertised", settings, {
            usesTls,
            usable,
          });
          check.nodeId = b.nodeId;
          if (seen && seen.clusterId !== cluster.clusterId)
            markOtherCluster(check, seen.clusterId, cluster.clusterId);
          return check;
        }),
      )
    : [];

  const facts = {
    securityProtocol: security.protocol,
    ...(security.sasl
      ? {
          saslMechanism: security.sasl.mechanism.toUpperCase(),
          saslUsername: security.sasl.username,
        }
      : {}),
    propertyIssues,
    bootstrap,
    ...(cluster ? { cluster } : {}),
    brokers,
  };
  const explanation = explainDiagnosis(facts);
  return {
    ok: explanation.verdict === "ok",
    checkedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    bootstrapServers: targets.map(formatAddress),
    ...facts,
    properties: redactProperties(properties),
    explanation,
  };
}

async function checkEndpoint(
  target: Address,
  role: EndpointCheck["role"],
  settings: ProbeSettings,
  how: { usesTls: boolean; usable: boolean },
): Promise<{ check: EndpointCheck; cluster?: Omit<ClusterMetadata, "readThrough"> }> {
  const address = formatAddress(target);
  const steps: Step[] = [];
  const finish = (cluster?: Omit<ClusterMetadata, "readThrough">) => ({
    check: {
      address,
      host: target.host,
      port: target.port,
      role,
      ok: steps.every((s) => s.status === "ok"),
      steps,
    },
    cluster,
  });
  const skipRest = (why: string) => {
    if (how.usesTls && !steps.some((s) => s.name === "tls"))
      steps.push(skipped("tls", `TLS handshake with ${address}`, why));
    steps.push(
      skipped("kafka", "Kafka handshake", why),
      skipped("metadata", "Cluster metadata", why),
    );
  };

  const dns = await probeDns(target, settings);
  steps.push(dns.step);
  if (!dns.addresses) {
    steps.push(skipped("tcp", `TCP connect to ${address}`, "the host name did not resolve"));
    skipRest("the host name did not resolve");
    return finish();
  }
  const tcp = await probeTcp(target, dns.addresses, settings);
  steps.push(tcp.step);
  if (!tcp.address) {
    skipRest("the TCP connection failed");
    return finish();
  }
  if (how.usesTls) {
    const tlsStep = await probeTls(target, tcp.address, settings);
    steps.push(tlsStep);
    if (tlsStep.status !== "ok") {
      skipRest("the TLS handshake failed");
      return finish();
    }
  }
  if (!how.usable) {
    skipRest("the client properties are invalid");
    return finish();
  }
  const kafka = await probeKafka(target, settings);
  steps.push(kafka.kafkaStep, kafka.metadataStep);
  return finish(kafka.cluster);
}

function markOtherCluster(check: EndpointCheck, seen: string, expected: string): void {
  const metadata = check.steps.find((s) => s.name === "metadata");
  if (!metadata) return;
  metadata.status = "failed";
  metadata.error = {
    kind: "other-cluster",
    message: `cluster id ${seen}, while the bootstrap servers belong to cluster ${expected}`,
  };
  check.ok = false;
}

/** Accepts a table's `properties.`-prefixed keys as they are written in a WITH clause. */
function withoutPrefix(props: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    const bare = key.startsWith("properties.") ? key.slice("properties.".length) : key;
    if (bare === "bootstrap.servers") continue; // the addresses under test are given on their own
    out[bare] = value;
  }
  return out;
}

function checkProperties(props: Readonly<Record<string, string>>): PropertyIssue[] {
  const issues: PropertyIssue[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (hasSecretPlaceholder(value)) {
      issues.push({
        key,
        severity: "error",
        message: `'${key}' refers to a stored secret; the connectivity diagnosis never resolves stored secrets for servers named by hand (a secret goes only to the bootstrap servers it was created for), so give the value itself here.`,
      });
    }
  }
  if (issues.length > 0) return issues;
  const config = toKafkaJsConfig(props, "both");
  issues.push(...config.errors.map(({ key, severity, message }) => ({ key, severity, message })));
  const seen = new Set(issues.map((i) => i.message));
  for (const issue of analyzeSecurity(props).issues) {
    if (!seen.has(issue.message))
      issues.push({ key: issue.key, severity: issue.severity, message: issue.message });
  }
  return issues;
}
