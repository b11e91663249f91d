"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { parseBootstrapAddresses } from "@/lib/kafka/diagnostics/addresses";
import {
  FORM_SASL_MECHANISMS,
  formProperties,
  SECURITY_PROTOCOLS,
  type DiagnosisForm,
  type FormSaslMechanism,
} from "@/lib/kafka/diagnostics/form";
import type { DiagnosisReport, SecurityProtocol } from "@/lib/kafka/diagnostics/report";
import type { ClusterProfile } from "@/lib/clusters/schemas";
import { api, ApiClientError } from "@/lib/api/client";
import { DiagnosisReportView } from "./diagnosis-report";

const input =
  "w-full rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1 text-sm";

export function DiagnosticsPanel({
  initialBootstrap,
  runAtOnce,
}: {
  initialBootstrap: string;
  runAtOnce: boolean;
}) {
  const [bootstrap, setBootstrap] = useState(initialBootstrap);
  const [form, setForm] = useState<DiagnosisForm>({
    securityProtocol: "PLAINTEXT",
    saslMechanism: "PLAIN",
    username: "",
    password: "",
    caCertificates: "",
    extraProperties: "",
  });
  const [report, setReport] = useState<DiagnosisReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const pending = useRef<AbortController | null>(null);
  const [profiles, setProfiles] = useState<ClusterProfile[]>([]);
  /** A cluster profile's id: the diagnosis runs against its brokers with its settings. */
  const [profileId, setProfileId] = useState("");

  useEffect(() => {
    let live = true;
    api.clusters.list().then(
      (clusters) => live && setProfiles(clusters),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  const set = <K extends keyof DiagnosisForm>(key: K, value: DiagnosisForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const run = useCallback(async (servers: string, current: DiagnosisForm, profile = "") => {
    let properties: Record<string, string> = {};
    if (profile === "") {
      try {
        parseBootstrapAddresses(servers);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
        return;
      }
      const fromForm = formProperties(current);
      if (fromForm.errors.length > 0) {
        setError(fromForm.errors.join(" "));
        return;
      }
      properties = fromForm.properties;
    }
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setRunning(true);
    setError(null);
    try {
      setReport(
        profile !== ""
          ? await api.clusters.test(profile, controller.signal)
          : await api.diagnostics.kafka(
              { bootstrapServers: servers, properties },
              controller.signal,
            ),
      );
    } catch (e) {
      if (controller.signal.aborted) return;
      if (e instanceof ApiClientError && e.status !== 0) {
        setReport(null);
        setError(e.message);
      } else setError(`The console could not reach its API: ${e instanceof Error ? e.message : e}`);
    } finally {
      if (pending.current === controller) {
        pending.current = null;
        setRunning(false);
      }
    }
  }, []);

  useEffect(() => {
    // A linked page (a failed job's "diagnose this cluster") runs once on arrival. Started from a
    // timer rather than during the effect, so the form renders first and a remount in
    // development (StrictMode) cancels the first start instead of running twice.
    const start = runAtOnce ? setTimeout(() => void run(initialBootstrap, form), 0) : undefined;
    return () => {
      clearTimeout(start);
      pending.current?.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const usesSasl = form.securityProtocol.startsWith("SASL_");
  const usesTls = form.securityProtocol.endsWith("SSL");

  return (
    <div className="space-y-6">
      <form
        data-testid="diagnostics-form"
        className="space-y-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void run(bootstrap, form, profileId);
        }}
      >
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Cluster profile</span>
          <select
            name="clusterProfile"
            className={input}
            value={profileId}
            onChange={(e) => {
              setProfileId(e.target.value);
              const chosen = profiles.find((p) => p.id === e.target.value);
              if (chosen) setBootstrap(chosen.bootstrapServers);
            }}
          >
            <option value="">(enter the connection below)</option>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.isDefault ? " (default)" : ""}
              </option>
            ))}
          </select>
        </label>
        {profileId === "" && (
          <>
            <label className="block text-sm">
              <span className="mb-1 block font-medium">Bootstrap servers</span>
              <input
                name="bootstrapServers"
                className={`${input} font-mono`}
                value={bootstrap}
                onChange={(e) => setBootstrap(e.target.value)}
                placeholder="kafka-1:9092,kafka-2:9092"
                autoComplete="off"
                required
              />
            </label>
            <div className="grid gap-3 md:grid-cols-2">
              <label className="block text-sm">
                <span className="mb-1 block font-medium">security.protocol</span>
                <select
                  name="securityProtocol"
                  className={input}
                  value={form.securityProtocol}
                  onChange={(e) => set("securityProtocol", e.target.value as SecurityProtocol)}
                >
                  {SECURITY_PROTOCOLS.map((p) => (
                    <option key={p}>{p}</option>
                  ))}
                </select>
              </label>
              {usesSasl && (
                <label className="block text-sm">
                  <span className="mb-1 block font-medium">sasl.mechanism</span>
                  <select
                    name="saslMechanism"
                    className={input}
                    value={form.saslMechanism}
                    onChange={(e) => set("saslMechanism", e.target.value as FormSaslMechanism)}
                  >
                    {FORM_SASL_MECHANISMS.map((m) => (
                      <option key={m}>{m}</option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            {usesSasl && (
              <div className="grid gap-3 md:grid-cols-2">
                <label className="block text-sm">
                  <span className="mb-1 block font-medium">SASL user name</span>
                  <input
                    name="username"
                    className={input}
                    value={form.username}
                    onChange={(e) => set("username", e.target.value)}
                    autoComplete="off"
                  />
                </label>
                <label className="block text-sm">
                  <span className="mb-1 block font-medium">SASL password</span>
                  <input
                    name="password"
                    type="password"
                    className={input}
                    value={form.password}
                    onChange={(e) => set("password", e.target.value)}
                    autoComplete="new-password"
                  />
                </label>
              </div>
            )}
            {usesTls && (
              <label className="block text-sm">
                <span className="mb-1 block font-medium">
                  CA certificates to trust (PEM; empty = the system&apos;s)
                </span>
                <textarea
                  name="caCertificates"
                  className={`${input} h-20 font-mono text-xs`}
                  value={form.caCertificates}
                  onChange={(e) => set("caCertificates", e.target.value)}
                  placeholder="-----BEGIN CERTIFICATE-----"
                />
              </label>
            )}
            <label className="block text-sm">
              <span className="mb-1 block font-medium">
                More properties (key=value, one a line)
              </span>
              <textarea
                name="extraProperties"
                className={`${input} h-20 font-mono text-xs`}
                value={form.extraProperties}
                onChange={(e) => set("extraProperties", e.target.value)}
                placeholder={"ssl.endpoint.identification.algorithm=\nclient.id=diagnose"}
              />
            </label>
          </>
        )}
        <div className="flex items-center gap-3">
          <button
            type="submit"
            disabled={running}
            className="rounded bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
          >
            {running ? "Diagnosing…" : "Diagnose"}
          </button>
          <span className="text-xs text-slate-500 dark:text-slate-400">
            Passwords are used for this check only and never shown in the result.
          </span>
        </div>
      </form>

      {error && (
        <p
          data-testid="diagnostics-error"
          role="alert"
          className="text-sm text-red-700 dark:text-red-400"
        >
          {error}
        </p>
      )}
      {running && !report && (
        <p className="text-sm text-slate-500 dark:text-slate-400">Connecting…</p>
      )}
      {report && <DiagnosisReportView report={report} />}
    </div>
  );
}
