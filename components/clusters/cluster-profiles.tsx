"use client";

import { useCallback, useEffect, useState } from "react";
import {
  FORM_SASL_MECHANISMS,
  formProperties,
  SECURITY_PROTOCOLS,
  type FormSaslMechanism,
} from "@/lib/kafka/diagnostics/form";
import type { DiagnosisReport, SecurityProtocol } from "@/lib/kafka/diagnostics/report";
import type { ClusterProfile } from "@/lib/clusters/schemas";
import { connectionSnippet } from "@/lib/clusters/connection-snippet";
import { DiagnosisReportView } from "@/components/diagnostics/diagnosis-report";
import { api } from "@/lib/api/client";

const input =
  "w-full rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1 text-sm";
const button =
  "rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-0.5 text-xs hover:bg-slate-100 dark:hover:bg-slate-800";

interface Form {
  name: string;
  bootstrapServers: string;
  securityProtocol: SecurityProtocol;
  saslMechanism: FormSaslMechanism;
  username: string;
  passwordSecret: string;
  caCertificates: string;
  extraProperties: string;
}

const EMPTY: Form = {
  name: "",
  bootstrapServers: "",
  securityProtocol: "PLAINTEXT",
  saslMechanism: "PLAIN",
  username: "",
  passwordSecret: "",
  caCertificates: "",
  extraProperties: "",
};

export function ClusterProfiles() {
  const [clusters, setClusters] = useState<ClusterProfile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [tests, setTests] = useState<Record<string, DiagnosisReport | "running">>({});
  const [shown, setShown] = useState<string | null>(null);

  const [version, setVersion] = useState(0);
  const load = useCallback(async () => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    api.clusters.list().then(
      (list) => live && setClusters(list),
      (e) => live && setError(String(e instanceof Error ? e.message : e)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function create(e: React.FormEvent) {
    e.preventDefault();
    const secret = form.passwordSecret.trim();
    const { properties, errors } = formProperties({
      securityProtocol: form.securityProtocol,
      saslMechanism: form.saslMechanism,
      username: form.username,
      password: secret === "" ? "" : `\${secret_values.${secret}}`,
      caCertificates: form.caCertificates,
      extraProperties: form.extraProperties,
    });
    if (errors.length > 0) return setError(errors.join(" "));
    try {
      await api.clusters.create({
        name: form.name,
        bootstrapServers: form.bootstrapServers,
        properties,
      });
      setForm(EMPTY);
      setError(null);
      await load();
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    }
  }

  async function test(id: string) {
    setTests((t) => ({ ...t, [id]: "running" }));
    try {
      const report = await api.clusters.test(id);
      setTests((t) => ({ ...t, [id]: report }));
    } catch (e) {
      setTests((t) => {
        const { [id]: _, ...rest } = t;
        return rest;
      });
      setError(String(e instanceof Error ? e.message : e));
    }
  }

  async function act(request: () => Promise<unknown>) {
    try {
      await request();
      setError(null);
      await load();
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    }
  }

  const usesSasl = form.securityProtocol.startsWith("SASL_");
  const usesTls = form.securityProtocol.endsWith("SSL");

  return (
    <div className="space-y-6">
      {error && (
        <p
          role="alert"
          data-testid="clusters-error"
          className="text-sm text-red-700 dark:text-red-400"
        >
          {error}
        </p>
      )}
      <table className="w-full rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 text-sm shadow-sm">
        <thead className="bg-slate-50 dark:bg-slate-800 text-left text-xs uppercase text-slate-500 dark:text-slate-400">
          <tr>
            <th className="px-3 py-2">Name</th>
            <th className="px-3 py-2">Bootstrap servers</th>
            <th className="px-3 py-2">Security</th>
            <th className="px-3 py-2">Actions</th>
          </tr>
        </thead>
        <tbody>
          {clusters?.map((c) => {
            const result = tests[c.id];
            return [
              <tr
                key={c.id}
                data-testid="cluster-row"
                data-name={c.name}
                className="border-t border-slate-100 align-top"
              >
                <td className="px-3 py-2 font-medium">
                  {c.name}
                  {c.isDefault && (
                    <span className="ml-2 rounded bg-indigo-100 dark:bg-indigo-900 px-1.5 text-xs text-indigo-800 dark:text-indigo-200">
                      default
                    </span>
                  )}
                  {c.fromEnvironment && (
                    <span
                      className="ml-2 text-xs text-slate-500 dark:text-slate-400"
                      title="Follows KAFKA_BOOTSTRAP_SERVERS"
                    >
                      (environment)
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{c.bootstrapServers}</td>
                <td className="px-3 py-2 text-xs">
                  {c.properties["security.protocol"] ?? "PLAINTEXT"}
                  {c.properties["sasl.mechanism"] ? ` · ${c.properties["sasl.mechanism"]}` : ""}
                </td>
                <td className="space-x-1 px-3 py-2 whitespace-nowrap">
                  <button
                    className={button}
                    onClick={() => void test(c.id)}
                    disabled={result === "running"}
                  >
                    {result === "running" ? "Testing…" : "Test connection"}
                  </button>
                  <button className={button} onClick={() => setShown(shown === c.id ? null : c.id)}>
                    WITH options
                  </button>
                  <a className={button} href={`/topics?cluster=${encodeURIComponent(c.id)}`}>
                    Topics
                  </a>
                  {!c.isDefault && (
                    <button
                      className={button}
                      onClick={() => void act(() => api.clusters.update(c.id, { isDefault: true }))}
                    >
                      Make default
                    </button>
                  )}
                  {!c.isDefault && !c.fromEnvironment && (
                    <button
                      className={`${button} text-red-700 dark:text-red-400`}
                      onClick={() => {
                        if (
                          window.confirm(
                            `Delete the cluster profile '${c.name}'? Topics on the cluster stay.`,
                          )
                        )
                          void act(() => api.clusters.delete(c.id));
                      }}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>,
              shown === c.id && (
                <tr key={`${c.id}-snippet`}>
                  <td colSpan={4} className="px-3 pb-3">
                    <pre
                      data-testid="cluster-snippet"
                      className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
                    >
                      {connectionSnippet(c, { trailingComma: true })}
                    </pre>
                    <button
                      className={`${button} mt-1`}
                      onClick={() =>
                        void navigator.clipboard?.writeText(
                          connectionSnippet(c, { trailingComma: true }),
                        )
                      }
                    >
                      Copy
                    </button>
                  </td>
                </tr>
              ),
              result && result !== "running" && (
                <tr key={`${c.id}-test`} data-testid="cluster-test-result">
                  <td colSpan={4} className="px-3 pb-3">
                    <DiagnosisReportView report={result} />
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>

      <form
        data-testid="cluster-form"
        onSubmit={(e) => void create(e)}
        className="space-y-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
      >
        <h2 className="font-semibold">New cluster profile</h2>
        <div className="grid gap-3 md:grid-cols-2">
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Name</span>
            <input
              name="name"
              className={input}
              value={form.name}
              onChange={(e) => set("name", e.target.value)}
              required
            />
          </label>
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Bootstrap servers</span>
            <input
              name="bootstrapServers"
              className={`${input} font-mono`}
              value={form.bootstrapServers}
              onChange={(e) => set("bootstrapServers", e.target.value)}
              placeholder="kafka-1:9092,kafka-2:9092"
              required
            />
          </label>
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
          {usesSasl && (
            <label className="block text-sm">
              <span className="mb-1 block font-medium">SASL user name</span>
              <input
                name="username"
                className={input}
                value={form.username}
                onChange={(e) => set("username", e.target.value)}
              />
            </label>
          )}
          {usesSasl && (
            <label className="block text-sm">
              <span className="mb-1 block font-medium">Password: name of a secret</span>
              <input
                name="passwordSecret"
                className={`${input} font-mono`}
                value={form.passwordSecret}
                onChange={(e) => set("passwordSecret", e.target.value)}
                placeholder="kafka_password"
              />
              <span className="text-xs text-slate-500 dark:text-slate-400">
                Stored as {"${secret_values.name}"}; the value stays in the secret store.
              </span>
            </label>
          )}
        </div>
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
            />
          </label>
        )}
        <label className="block text-sm">
          <span className="mb-1 block font-medium">
            More properties (key=value, one a line; secrets as {"${secret_values.name}"})
          </span>
          <textarea
            name="extraProperties"
            className={`${input} h-16 font-mono text-xs`}
            value={form.extraProperties}
            onChange={(e) => set("extraProperties", e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="rounded bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Create profile
        </button>
      </form>
    </div>
  );
}
