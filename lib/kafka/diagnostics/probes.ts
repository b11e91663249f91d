/**
 * The network checks of a diagnosis, one function per step, each timed and bounded: DNS lookup,
 * TCP connect, TLS handshake, and the Kafka handshake plus a metadata request through a kafkajs
 * client whose every connection is pinned to one address — so that an address is tested alone,
 * even when the cluster metadata advertises others. Node-only.
 */
import { lookup } from "node:dns/promises";
import net from "node:net";
import tls from "node:tls";
import type { KafkaConfig, SASLOptions } from "kafkajs";
import { logLevel } from "../kafkajs";
import type { SaslSettings, SslSettings } from "@/lib/kafka/client-config/security";
import { createKafka } from "@/lib/kafka/connection";
import { withStoreMaterial } from "@/lib/kafka/tls-stores";
import { classifyFailure, type ClassifyContext } from "./classify";
import type { Step, StepName } from "./report";

export interface Target {
  host: string;
  port: number;
}

export interface ProbeSettings {
  timeoutMs: number;
  ssl?: SslSettings;
  sasl?: SaslSettings;
  /** Replaces secrets in any text that leaves the probe. */
  scrub: (text: string) => string;
}

/** Thrown by withTimeout; classified as "timeout". */
class ProbeTimeout extends Error {
  code = "ETIMEDOUT";
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms / 1000} s`);
    this.name = "ProbeTimeout";
  }
}

function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  onTimeout?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new ProbeTimeout(what, ms));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function timed<T>(
  name: StepName,
  label: string,
  settings: ProbeSettings,
  run: () => Promise<{ value: T; detail: string }>,
  context: () => ClassifyContext = () => ({}),
): Promise<{ step: Step; value?: T }> {
  const started = performance.now();
  try {
    const { value, detail } = await run();
    return {
      step: {
        name,
        label,
        status: "ok",
        durationMs: elapsed(started),
        detail: settings.scrub(detail),
      },
      value,
    };
  } catch (error) {
    const failure = classifyFailure(error, name, context());
    return {
      step: {
        name,
        label,
        status: "failed",
        durationMs: elapsed(started),
        error: { ...failure, message: settings.scrub(failure.message) },
      },
    };
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;

export function skipped(name: StepName, label: string, why: string): Step {
  return { name, label, status: "skipped", detail: why };
}

/** Resolves the host as the client would (all addresses; an IP literal needs no lookup). */
export async function probeDns(
  target: Target,
  settings: ProbeSettings,
): Promise<{ step: Step; addresses?: string[] }> {
  const label = `DNS lookup of ${target.host}`;
  if (net.isIP(target.host)) {
    return {
      step: {
        name: "dns",
        label,
        status: "ok",
        durationMs: 0,
        detail: `${target.host} is an IP address; no lookup needed`,
      },
      addresses: [target.host],
    };
  }
  const { step, value } = await timed("dns", label, settings, async () => {
    const found = await withTimeout(
      lookup(target.host, { all: true }),
      settings.timeoutMs,
      `The DNS lookup of ${target.host}`,
    );
    const addresses = found.map((a) => a.address);
    return { value: addresses, detail: `resolves to ${addresses.join(", ")}` };
  });
  return { step, addresses: value };
}

/** Connects to the resolved addresses in turn, as Kafka's client.dns.lookup=use_all_dns_ips does. */
export async function probeTcp(
  target: Target,
  addresses: string[],
  settings: ProbeSettings,
): Promise<{ step: Step; address?: string }> {
  const { step, value } = await timed(
    "tcp",
    `TCP connect to ${target.host}:${target.port}`,
    settings,
    async () => {
      let lastError: unknown;
      for (const address of addresses) {
        try {
          await connectOnce(address, target.port, settings.timeoutMs);
          const via = address === target.host ? "" : ` (${address})`;
          return { value: address, detail: `connected to port ${target.port}${via}` };
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError;
    },
  );
  return { step, address: value };
}

function connectOnce(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ProbeTimeout(`The TCP connection to ${host}:${port}`, timeoutMs));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

/** The TLS options a Kafka client uses for this target (SNI and host name checks against its name). */
export function tlsOptions(
  target: Target,
  settings: SslSettings | undefined,
): tls.ConnectionOptions {
  const ssl = settings && withStoreMaterial(settings);
  const options: tls.ConnectionOptions = { rejectUnauthorized: true };
  if (!net.isIP(target.host)) options.servername = target.host;
  if (ssl?.ca !== undefined) options.ca = ssl.ca;
  if (ssl?.cert !== undefined) options.cert = ssl.cert;
  if (ssl?.key !== undefined) options.key = ssl.key;
  if (ssl?.passphrase !== undefined) options.passphrase = ssl.passphrase;
  if (ssl && !ssl.verifyHostname) options.checkServerIdentity = () => undefined;
  return options;
}

export async function probeTls(
  target: Target,
  address: string,
  settings: ProbeSettings,
): Promise<Step> {
  const { step } = await timed(
    "tls",
    `TLS handshake with ${target.host}:${target.port}`,
    settings,
    () =>
      new Promise<{ value: undefined; detail: string }>((resolve, reject) => {
        const socket = tls.connect({
          ...tlsOptions(target, settings.ssl),
          host: address,
          port: target.port,
        });
        const timer = setTimeout(() => {
          socket.destroy();
          reject(
            new ProbeTimeout(
              `The TLS handshake with ${target.host}:${target.port}`,
              settings.timeoutMs,
            ),
          );
        }, settings.timeoutMs);
        socket.once("secureConnect", () => {
          clearTimeout(timer);
          const cert = socket.getPeerCertificate();
          const subject = cert?.subject?.CN
            ? `certificate for ${String(cert.subject.CN)}`
            : "a certificate";
          const issuer = cert?.issuer?.CN ? ` issued by ${String(cert.issuer.CN)}` : "";
          const validTo = cert?.valid_to ? `, valid until ${cert.valid_to}` : "";
          const detail = `${socket.getProtocol() ?? "TLS"}, ${subject}${issuer}${validTo}`;
          socket.destroy();
          resolve({ value: undefined, detail });
        });
        socket.once("error", (error) => {
          clearTimeout(timer);
          socket.destroy();
          reject(error);
        });
      }),
  );
  return step;
}

export interface KafkaProbeResult {
  kafkaStep: Step;
  metadataStep: Step;
  cluster?: {
    clusterId: string;
    controllerId: number | null;
    brokers: Array<{ nodeId: number; host: string; port: number }>;
  };
}

/**
 * ApiVersions, SASL (when configured) and metadata through `target` alone: kafkajs opens further
 * connections to the brokers the metadata names, and the socket factory sends them all to target.
 */
export async function probeKafka(
  target: Target,
  settings: ProbeSettings,
): Promise<KafkaProbeResult> {
  const address = `${target.host}:${target.port}`;
  const stats = { bytesReceived: 0, tlsAnswer: false };
  const config: Partial<KafkaConfig> = {
    clientId: "tributary-diagnose",
    brokers: [address],
    connectionTimeout: settings.timeoutMs,
    authenticationTimeout: settings.timeoutMs,
    requestTimeout: settings.timeoutMs,
    enforceRequestTimeout: true,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
    socketFactory: ({ ssl, onConnect }) => {
      const socket = ssl
        ? tls.connect(
            { ...tlsOptions(target, settings.ssl), host: target.host, port: target.port },
            onConnect,
          )
        : net.connect({ host: target.host, port: target.port }, onConnect);
      socket.on("data", (chunk: Buffer) => {
        // A TLS listener answers a plaintext request with an alert record (type 0x15, version
        // 0x03xx), which is no Kafka response.
        if (
          stats.bytesReceived === 0 &&
          !ssl &&
          chunk[0] >= 0x14 &&
          chunk[0] <= 0x17 &&
          chunk[1] === 0x03
        ) {
          stats.tlsAnswer = true;
        }
        stats.bytesReceived += chunk.length;
      });
      return socket;
    },
  };
  if (settings.ssl) config.ssl = tlsOptions(target, settings.ssl);
  if (settings.sasl) config.sasl = { ...settings.sasl } as SASLOptions;

  const admin = createKafka(address, config).admin({ retry: { retries: 0 } });
  const kafkaLabel = settings.sasl
    ? `Kafka ApiVersions + SASL ${settings.sasl.mechanism.toUpperCase()} as '${settings.sasl.username}'`
    : "Kafka ApiVersions request";
  const context = () => ({
    bytesReceived: stats.tlsAnswer ? 0 : stats.bytesReceived,
    clientUsesSasl: settings.sasl !== undefined,
  });
  // kafkajs can wait on its own locks longer than the request timeout; bound the whole step.
  const bound = settings.timeoutMs * 3;
  try {
    const connected = await timed(
      "kafka",
      kafkaLabel,
      settings,
      async () => {
        await withTimeout(admin.connect(), bound, `The Kafka handshake with ${address}`);
        return {
          value: undefined,
          detail: settings.sasl
            ? "the broker answered and accepted the credentials"
            : "the broker answered",
        };
      },
      context,
    );
    if (connected.step.status !== "ok") {
      return {
        kafkaStep: connected.step,
        metadataStep: skipped("metadata", "Cluster metadata", "the Kafka handshake failed"),
      };
    }
    const described = await timed(
      "metadata",
      "Cluster metadata",
      settings,
      async () => {
        const c = await withTimeout(
          admin.describeCluster(),
          bound,
          `The metadata request to ${address}`,
        );
        const brokers = c.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port }));
        return {
          value: { clusterId: c.clusterId, controllerId: c.controller, brokers },
          detail: `cluster ${c.clusterId}, ${brokers.length} broker${brokers.length === 1 ? "" : "s"}: ${brokers
            .map((b) => `${b.nodeId} at ${b.host}:${b.port}`)
            .join(", ")}`,
        };
      },
      context,
    );
    return { kafkaStep: connected.step, metadataStep: described.step, cluster: described.value };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
