import { endpointTitle, VERDICT_TITLES } from "@/lib/kafka/diagnostics/checklist";
import type { DiagnosisReport, EndpointCheck, Step } from "@/lib/kafka/diagnostics/report";

const STATUS_STYLE: Record<Step["status"], { dot: string; text: string; word: string }> = {
  ok: { dot: "bg-green-500", text: "text-slate-700 dark:text-slate-300", word: "ok" },
  failed: { dot: "bg-red-500", text: "text-red-700 dark:text-red-400", word: "failed" },
  skipped: { dot: "bg-slate-300", text: "text-slate-500 dark:text-slate-400", word: "skipped" },
};

function duration(ms: number | undefined): string {
  if (ms === undefined) return "";
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

export function DiagnosisReportView({ report }: { report: DiagnosisReport }) {
  const { explanation, cluster } = report;
  return (
    <div className="space-y-4">
      <div
        data-testid="diagnosis-explanation"
        data-verdict={explanation.verdict}
        data-ok={report.ok}
        className={`rounded-lg border p-4 ${report.ok ? "border-green-200 bg-green-50 dark:bg-green-950" : "border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950"}`}
      >
        <h2
          className={`mb-2 font-semibold ${report.ok ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300"}`}
        >
          {report.ok ? "All good" : `Problem: ${VERDICT_TITLES[explanation.verdict]}`}
        </h2>
        <p data-testid="diagnosis-summary" className="text-sm">
          {explanation.summary}
        </p>
        {explanation.fix && (
          <p data-testid="diagnosis-fix" className="mt-2 text-sm">
            <span className="font-medium">What to change: </span>
            {explanation.fix}
          </p>
        )}
        {explanation.notes.length > 0 && (
          <ul className="mt-2 list-disc pl-5 text-xs text-slate-600 dark:text-slate-300">
            {explanation.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
      </div>

      {cluster && (
        <p data-testid="diagnosis-cluster" className="text-sm text-slate-600 dark:text-slate-300">
          Cluster <span className="font-mono">{cluster.clusterId}</span>, controller{" "}
          {cluster.controllerId ?? "none"}, read through{" "}
          <span className="font-mono">{cluster.readThrough}</span> · {report.securityProtocol}
          {report.saslMechanism ? ` + ${report.saslMechanism}` : ""} · {report.durationMs} ms
        </p>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        {[...report.bootstrap, ...report.brokers].map((check) => (
          <EndpointCard
            key={`${check.role}-${check.address}-${check.nodeId ?? ""}`}
            check={check}
          />
        ))}
      </div>
    </div>
  );
}

function EndpointCard({ check }: { check: EndpointCheck }) {
  return (
    <section
      data-testid={`endpoint-${check.role}`}
      data-address={check.address}
      data-ok={check.ok}
      className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
    >
      <h3 className="mb-2 flex items-center gap-2 font-medium">
        <span
          aria-hidden
          className={`inline-block h-2.5 w-2.5 rounded-full ${check.ok ? "bg-green-500" : "bg-red-500"}`}
        />
        {endpointTitle(check)}
      </h3>
      <ol className="space-y-1 text-sm">
        {check.steps.map((step) => {
          const style = STATUS_STYLE[step.status];
          return (
            <li
              key={step.name}
              data-testid={`step-${step.name}`}
              data-status={step.status}
              className="flex gap-2"
            >
              <span
                aria-hidden
                className={`mt-1.5 inline-block h-2 w-2 shrink-0 rounded-full ${style.dot}`}
              />
              <div className="min-w-0 flex-1">
                <div className="flex justify-between gap-2">
                  <span className={style.text}>
                    {step.label} <span className="sr-only">{style.word}</span>
                  </span>
                  <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400">
                    {duration(step.durationMs)}
                  </span>
                </div>
                {(step.error || step.detail) && (
                  <p
                    className={`break-words text-xs ${step.error ? "text-red-700 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}`}
                  >
                    {step.error
                      ? `${step.error.message}${step.error.code ? ` (${step.error.code})` : ""}`
                      : step.detail}
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
