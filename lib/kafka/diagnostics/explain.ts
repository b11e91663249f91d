/**
 * Turns the step results of a diagnosis into a verdict and plain words: what went wrong, where,
 * and what to change. Pure, so every outcome is tested from fabricated step results. Messages
 * name addresses, user names and keys, never passwords (the steps' messages are already scrubbed).
 * Browser-safe.
 */
import type { DiagnosisFacts, EndpointCheck, Explanation, Step, StepName, Verdict } from "./report";

const STEP_ORDER: StepName[] = ["dns", "tcp", "tls", "kafka", "metadata"];

const NODE_ASSIGNMENT_CONSEQUENCE =
  "Clients connect to the advertised address for every read and write, so jobs fail with 'Timed out waiting for a node assignment'.";

export function firstFailure(check: EndpointCheck): Step | undefined {
  return check.steps.find((s) => s.status === "failed");
}

/** How far a check got: the index of its first failed step (a later failure is more telling). */
function progress(check: EndpointCheck): number {
  const failed = firstFailure(check);
  return failed ? STEP_ORDER.indexOf(failed.name) : STEP_ORDER.length;
}

/** What an address does wrong, as the end of "X, which …". */
export function describeFailure(step: Step, facts: Pick<DiagnosisFacts, "saslMechanism">): string {
  const error = step.error;
  if (!error) return "failed";
  const code = error.code ? ` (${error.code})` : "";
  switch (error.kind) {
    case "dns-not-found":
      return "does not resolve (no DNS record for that host name)";
    case "dns-unavailable":
      return "could not be resolved (the DNS server gave no answer)";
    case "connection-refused":
      return "refuses connections (nothing listens on that port)";
    case "unreachable":
      return `is unreachable (no route to that host${code})`;
    case "connection-reset":
      return "resets the connection";
    case "timeout":
      if (step.name === "dns") return "times out in DNS resolution";
      if (step.name === "tcp") return "times out (the TCP connection is never accepted)";
      if (step.name === "tls") return "times out during the TLS handshake";
      return "accepts connections but does not answer Kafka requests in time";
    case "tls-not-spoken":
      return "does not speak TLS (the connection ended during the TLS handshake)";
    case "tls-certificate":
      return `presents a certificate that is not trusted${code}`;
    case "tls-hostname":
      return "presents a certificate that does not name that host";
    case "tls":
      return `fails the TLS handshake: ${error.message}`;
    case "sasl-authentication":
      return `rejects the SASL ${facts.saslMechanism ?? ""} credentials`.replace("  ", " ");
    case "sasl-mechanism":
      return `does not enable SASL mechanism ${facts.saslMechanism ?? "(none set)"}`;
    case "sasl-not-expected":
      return "is a listener without SASL and refuses the SASL handshake";
    case "sasl-expected":
      return "expects SASL authentication and closes the connection without it";
    case "closed-without-answer":
      return "closes the connection without answering Kafka's first request";
    case "other-cluster":
      return `answers for another Kafka cluster (${error.message})`;
    case "not-run":
      return "could not be checked";
    case "other":
      return `fails: ${error.message}`;
  }
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|0\.0\.0\.0)$/i;

export function explainDiagnosis(facts: DiagnosisFacts): Explanation {
  const notes = facts.propertyIssues.filter((i) => i.severity === "warning").map((i) => i.message);
  const errors = facts.propertyIssues.filter((i) => i.severity === "error");
  const result = (
    verdict: Verdict,
    summary: string,
    fix?: string,
    extra: string[] = [],
  ): Explanation =>
    fix === undefined
      ? { verdict, summary, notes: [...extra, ...notes] }
      : { verdict, summary, fix, notes: [...extra, ...notes] };

  if (errors.length > 0) {
    return result(
      "invalid-properties",
      `The client properties cannot be used, so no Kafka connection was attempted beyond DNS and TCP: ${errors
        .map((e) => e.message)
        .join(" ")}`,
      `Correct ${listWords([...new Set(errors.map((e) => `'${e.key}'`))])} and diagnose again.`,
    );
  }

  const working = facts.bootstrap.filter((c) => c.ok);
  if (working.length === 0 || !facts.cluster) return explainBootstrapFailure(facts, result);

  const through = facts.cluster.readThrough;
  if (facts.cluster.brokers.length === 0) {
    return result(
      "no-brokers",
      `Bootstrap at ${through} worked, but the cluster metadata lists no brokers, so clients have nowhere to send reads and writes.`,
      "Check that the brokers of this cluster have registered with its controller (their logs say why not).",
    );
  }

  const failing = facts.brokers.filter((b) => !b.ok);
  if (failing.length > 0) {
    const parts = failing.map((b) => {
      const step = firstFailure(b);
      const what = step ? describeFailure(step, facts) : "failed";
      return `broker ${b.nodeId} advertises ${b.address}, which ${what}`;
    });
    const reachable = facts.brokers.filter((b) => b.ok).map((b) => `broker ${b.nodeId}`);
    const extra: string[] = [];
    const bootstrapHost = facts.bootstrap.find((c) => c.address === through)?.host ?? "";
    for (const b of failing) {
      if (LOOPBACK.test(b.host) && !LOOPBACK.test(bootstrapHost)) {
        extra.push(
          `${b.address} is a loopback address: to a client it means the client's own machine, not the broker's. Brokers must advertise an address their clients can reach.`,
        );
      }
      if (firstFailure(b)?.error?.kind === "tls-hostname") {
        extra.push(
          `Clients verify each broker's certificate against its advertised host name, so the certificate of broker ${b.nodeId} must name ${b.host}.`,
        );
      }
    }
    if (
      failing.some(
        (b) =>
          b.host !== bootstrapHost ||
          b.port !== facts.bootstrap.find((c) => c.address === through)?.port,
      )
    ) {
      extra.push(
        "The bootstrap address and the advertised one differ; that is common behind proxies, port forwarding, NAT or private links, where brokers must advertise the address clients use, not their own.",
      );
    }
    const one = failing.length === 1;
    return result(
      "advertised-listener-unreachable",
      `Bootstrap at ${through} worked, but ${listWords(parts)}.` +
        (reachable.length > 0
          ? ` (${listWords(reachable)} ${reachable.length === 1 ? "is" : "are"} reachable at ${reachable.length === 1 ? "its" : "their"} advertised address${reachable.length === 1 ? "" : "es"}.)`
          : "") +
        ` ${NODE_ASSIGNMENT_CONSEQUENCE}`,
      one
        ? "Fix the broker's advertised.listeners (listeners / advertised.listeners in server.properties) so that it names an address reachable from Tributary's workers."
        : "Fix these brokers' advertised.listeners (listeners / advertised.listeners in server.properties) so that each names an address reachable from Tributary's workers.",
      extra,
    );
  }

  const broken = facts.bootstrap.filter((c) => !c.ok);
  if (broken.length > 0) {
    return result(
      "bootstrap-partly-unreachable",
      `Bootstrap at ${through} worked and every broker is reachable at its advertised address, but ${listWords(
        broken.map((c) => {
          const step = firstFailure(c);
          return `${c.address} ${step ? describeFailure(step, facts) : "failed"}`;
        }),
      )}. Clients fall back to the other bootstrap servers, so jobs work, but they start slower and stop working when ${through} is down.`,
      `Remove ${listWords(broken.map((c) => c.address))} from bootstrap.servers or correct ${broken.length === 1 ? "it" : "them"}.`,
    );
  }

  const handshake: string[] = [];
  if (facts.securityProtocol === "SSL" || facts.securityProtocol === "SASL_SSL")
    handshake.push("completes the TLS handshake");
  if (facts.securityProtocol.startsWith("SASL_")) {
    handshake.push(
      `authenticates ${facts.saslUsername ? `user '${facts.saslUsername}' ` : ""}with SASL ${facts.saslMechanism ?? ""}`.trimEnd(),
    );
  }
  const { cluster } = facts;
  const brokers = cluster.brokers.length === 1 ? "1 broker" : `${cluster.brokers.length} brokers`;
  const controller =
    cluster.controllerId === null
      ? "no active controller reported"
      : `controller: broker ${cluster.controllerId}`;
  return result(
    "ok",
    `Bootstrap at ${through} worked. Cluster ${cluster.clusterId} has ${brokers} (${controller}), and every advertised address (${cluster.brokers
      .map((b) => `${b.host}:${b.port}`)
      .join(
        ", ",
      )}) resolves, accepts connections, ${handshake.length > 0 ? `${handshake.join(", ")}, ` : ""}and answers Kafka requests. Jobs can reach this cluster.`,
  );
}

function explainBootstrapFailure(
  facts: DiagnosisFacts,
  result: (verdict: Verdict, summary: string, fix?: string, extra?: string[]) => Explanation,
): Explanation {
  const all = facts.bootstrap;
  if (all.length === 0) {
    return result(
      "bootstrap-failed",
      "No bootstrap servers were given.",
      "Give at least one host:port in bootstrap.servers.",
    );
  }
  // The check that got furthest says the most: "a does not resolve, b rejects the password" is
  // a password problem.
  const worst = [...all].sort((a, b) => progress(b) - progress(a))[0];
  const step = firstFailure(worst);
  const addresses = listWords(all.map((c) => c.address));
  const each = listWords(
    all.map((c) => {
      const s = firstFailure(c);
      return `${c.address} ${s ? describeFailure(s, facts) : "gave no cluster metadata"}`;
    }),
  );
  const none =
    all.length === 1
      ? `The bootstrap server ${each}`
      : `None of the bootstrap servers works: ${each}`;
  const consequence =
    "Without a bootstrap server, clients cannot even learn the cluster's brokers.";
  const protocol = facts.securityProtocol;
  const at = worst.address;

  if (!step) {
    return result(
      "bootstrap-failed",
      `${none}. ${consequence}`,
      `Check that ${addresses} ${all.length === 1 ? "is a" : "are"} Kafka broker listener${all.length === 1 ? "" : "s"}.`,
    );
  }
  switch (step.error?.kind) {
    case "dns-not-found":
    case "dns-unavailable":
      return result(
        "bootstrap-dns",
        `${none}. ${consequence}`,
        "Check the host names in bootstrap.servers, and that the machines running Tributary's workers use a DNS server that knows them (private DNS zones are often visible only inside their own network).",
      );
    case "connection-refused":
      return result(
        "bootstrap-unreachable",
        `${none}. ${consequence}`,
        `Check the host and port in bootstrap.servers: the port must be one of the broker's listeners (listeners in server.properties), and the broker must be running.`,
      );
    case "timeout":
    case "unreachable":
    case "connection-reset":
      if (step.name === "dns" || step.name === "tcp") {
        return result(
          "bootstrap-unreachable",
          `${none}. ${consequence}`,
          `A firewall, security group or missing route stands between Tributary's workers and ${at}: allow connections from the workers to that host and port, or use an address that is reachable from them.`,
        );
      }
      break;
    case "tls-not-spoken":
      return result(
        "security-protocol-mismatch",
        `${none}. With security.protocol ${protocol} the client opens every connection with a TLS handshake; this listener hung up on it, as a PLAINTEXT or SASL_PLAINTEXT listener does.`,
        `The listener at ${at} is probably ${protocol === "SASL_SSL" ? "SASL_PLAINTEXT" : "PLAINTEXT or SASL_PLAINTEXT"}: set security.protocol to match it, or connect to the broker's TLS listener.`,
      );
    case "tls-certificate":
      return result(
        "tls-failed",
        `${none}. The client checks the broker's certificate against the certificate authorities it trusts (ssl.truststore.certificates, or the system's when that is not set) and found none that signed it.`,
        "Trust the certificate authority that signed the broker's certificate: put its certificate (PEM) in ssl.truststore.certificates with ssl.truststore.type=PEM.",
      );
    case "tls-hostname":
      return result(
        "tls-failed",
        `${none}. The client checks that the broker's certificate names the host it connects to (${worst.host}), as ssl.endpoint.identification.algorithm=https asks.`,
        `Connect with a host name the certificate names (its subject alternative names), or, if you accept the risk, turn host name verification off with ssl.endpoint.identification.algorithm set to an empty value.`,
      );
    case "tls":
      return result(
        "tls-failed",
        `${none}. The TLS handshake failed: ${step.error.message}`,
        "Check the TLS settings (ssl.*) against the broker's listener.",
      );
    case "sasl-authentication":
      return result(
        "sasl-authentication-failed",
        `${at} accepted the connection but rejected the SASL ${facts.saslMechanism ?? ""} credentials${facts.saslUsername ? ` of user '${facts.saslUsername}'` : ""}: ${step.error.message}.`,
        `Check the username and password in sasl.jaas.config, and that sasl.mechanism is one the user is set up for (SCRAM credentials exist per mechanism: SCRAM-SHA-256 and SCRAM-SHA-512 are separate).`,
      );
    case "sasl-mechanism":
      return result(
        "sasl-mechanism-not-enabled",
        `${at} does not enable SASL mechanism ${facts.saslMechanism ?? "(none set)"} on this listener.`,
        "Set sasl.mechanism to one the listener enables (sasl.enabled.mechanisms in the broker's server.properties), or enable it there.",
      );
    case "sasl-not-expected":
      return result(
        "security-protocol-mismatch",
        `${at} is a listener without SASL (PLAINTEXT or SSL), but security.protocol is ${protocol}: the broker refused the SASL handshake.`,
        `Set security.protocol to ${protocol === "SASL_SSL" ? "SSL" : "PLAINTEXT"} for this listener, or use the address of the broker's SASL listener.`,
      );
    case "sasl-expected":
      return result(
        "security-protocol-mismatch",
        `${at} answered the first request (ApiVersions) and then closed the connection: it is a SASL listener that expects authentication, but security.protocol is ${protocol}.`,
        `Set security.protocol to ${protocol === "SSL" ? "SASL_SSL" : "SASL_PLAINTEXT"}, sasl.mechanism and sasl.jaas.config with the credentials of a user of that listener.`,
      );
    case "closed-without-answer":
      return result(
        "security-protocol-mismatch",
        `${at} accepted the connection but closed it without answering Kafka's first request (ApiVersions).`,
        protocol === "SSL" || protocol === "SASL_SSL"
          ? `Check that ${at} is a Kafka listener of the expected security protocol (${protocol}).`
          : `It is probably a TLS listener — set security.protocol to SSL (or SASL_SSL) — or not a Kafka listener at all: check the port.`,
      );
    default:
      break;
  }
  return result(
    "bootstrap-failed",
    `${none}. ${consequence}`,
    `Check that ${at} is a Kafka listener and that security.protocol (${protocol}) matches it.`,
  );
}
