"use client";

import { useEffect, useRef, useState } from "react";
import { api } from "@/lib/api/client";
import { readStream } from "@/lib/events/sse-client";
import type { BrowsedRecord } from "@/lib/topics/browse-messages";
import type {
  DecodedPart,
  DecodeFormatChoice,
  DecodeSpec,
  RawBytes,
} from "@/lib/topics/message-decoding";
import { tailStreamSchemas } from "@/lib/topics/schemas";
import type { MessageFilter } from "@/lib/topics/message-filter";
import type { SavedFilter } from "@/lib/topics/saved-filters";
import { optionsFromText, optionsToText } from "@/lib/topics/format-options-text";
import type { PartDecoding } from "@/lib/topics/table-topic-link";

const input =
  "rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1 text-sm";
const button =
  "rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1 text-xs hover:bg-slate-100 dark:hover:bg-slate-800";
/** The live tail keeps at most this many records (the oldest go). */
export const TAIL_BUFFER = 500;
/** How a table decodes its topic, when the page was opened from one ("Browse topic" in the editor). */
export interface InitialDecoding {
  table?: string;
  key?: PartDecoding;
  value?: PartDecoding;
}
type Show = "decoded" | "text" | "hex";

function shownBytes(raw: RawBytes | null, show: Show): string {
  if (raw === null) return "null";
  const text = show === "hex" || raw.text === null ? raw.hex : raw.text;
  return raw.truncated ? `${text}… (${raw.size} bytes)` : text;
}

function shownPart(part: DecodedPart, show: Show): string {
  if (show === "decoded" && part.error) return `⚠ ${part.error}`;
  if (show === "decoded" && part.decoded !== undefined)
    return typeof part.decoded === "string" ? part.decoded : JSON.stringify(part.decoded);
  return shownBytes(part.raw, show === "decoded" ? "text" : show);
}

export function MessageBrowser({
  cluster,
  topic,
  partitions,
  initialDecoding,
  formats,
}: {
  cluster: string;
  topic: string;
  partitions: number[];
  initialDecoding?: InitialDecoding;
  /** The format choices (lib/formats' registry, read on the server). */
  formats: DecodeFormatChoice[];
}) {
  const [partition, setPartition] = useState("");
  const [startKind, setStartKind] = useState<"end" | "beginning" | "offset" | "timestamp">("end");
  const [startValue, setStartValue] = useState("");
  const [order, setOrder] = useState<"newest" | "oldest">("newest");
  const [limit, setLimit] = useState("100");
  // A table's format the browser does not decode falls back to bytes.
  type Format = DecodeSpec["format"];
  const known = (f: string | undefined): Format =>
    formats.find((c) => c.format === f)?.format ?? "none";
  const [keyFormat, setKeyFormat] = useState<Format>(known(initialDecoding?.key?.format));
  const [valueFormat, setValueFormat] = useState<Format>(known(initialDecoding?.value?.format));
  const [keyColumns, setKeyColumns] = useState(initialDecoding?.key?.columns ?? "");
  const [columns, setColumns] = useState(initialDecoding?.value?.columns ?? "");
  const [keyOptions, setKeyOptions] = useState(optionsToText(initialDecoding?.key?.options));
  const [valueOptions, setValueOptions] = useState(optionsToText(initialDecoding?.value?.options));
  const [text, setText] = useState("");
  const [expression, setExpression] = useState("");
  const [show, setShow] = useState<Show>("decoded");
  const [records, setRecords] = useState<BrowsedRecord[]>([]);
  const [info, setInfo] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tailing, setTailing] = useState(false);
  const [paused, setPaused] = useState(false);
  const pausedRef = useRef(false);
  const tail = useRef<AbortController | null>(null);
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [filterName, setFilterName] = useState("");

  useEffect(() => {
    api.topics.filters(topic, cluster).then(setSaved, () => undefined);
    return () => tail.current?.abort();
  }, [topic, cluster]);

  const filter = (): MessageFilter | undefined =>
    text.trim() === "" && expression.trim() === "" ? undefined : { text, expression };
  const decodeSpec = (format: Format, fields: string, optionLines: string) => {
    const options = format === "none" ? undefined : optionsFromText(optionLines);
    return {
      format,
      ...(fields.trim() !== "" && formats.find((f) => f.format === format)?.columns
        ? { columns: fields }
        : {}),
      ...(options ? { options } : {}),
    };
  };
  const spec = () => ({
    cluster,
    ...(partition !== "" ? { partition: Number(partition) } : {}),
    key: decodeSpec(keyFormat, keyColumns, keyOptions),
    value: decodeSpec(valueFormat, columns, valueOptions),
    filter: filter(),
  });

  async function browse() {
    stopTail();
    setBusy(true);
    setError(null);
    try {
      const start =
        startKind === "offset"
          ? { kind: "offset" as const, offset: Number(startValue) }
          : startKind === "timestamp"
            ? { kind: "timestamp" as const, timestamp: new Date(startValue).getTime() }
            : { kind: startKind };
      const result = await api.topics.browse(topic, {
        ...spec(),
        start,
        order,
        limit: Number(limit),
      });
      setRecords(result.records);
      setInfo(
        `${result.records.length} shown, ${result.scanned} read` +
          (result.incomplete === "time" ? " — stopped at the time limit" : "") +
          (result.incomplete === "scan-limit" ? " — stopped at the scan limit" : ""),
      );
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    } finally {
      setBusy(false);
    }
  }

  function stopTail() {
    tail.current?.abort();
    tail.current = null;
    setTailing(false);
  }

  async function startTail() {
    stopTail();
    const controller = new AbortController();
    tail.current = controller;
    setTailing(true);
    setPaused(false);
    pausedRef.current = false;
    setRecords([]);
    setError(null);
    setInfo("Waiting for new records…");
    try {
      let total = 0;
      await readStream(api.topics.tailUrl(topic, spec()), {
        signal: controller.signal,
        schemas: tailStreamSchemas,
        onEvent: (e) => {
          if (e.event === "error") setError(e.data.message);
          if (e.event !== "records" || pausedRef.current) return;
          const batch = e.data.records;
          total += batch.length;
          setRecords((prev) => [...batch.reverse(), ...prev].slice(0, TAIL_BUFFER));
          setInfo(`Live: ${total} records received (the last ${TAIL_BUFFER} kept)`);
        },
      });
    } catch (e) {
      if (!controller.signal.aborted) setError(String(e instanceof Error ? e.message : e));
    } finally {
      if (tail.current === controller) setTailing(false);
    }
  }

  async function saveFilter() {
    const current = filter();
    if (!current || filterName.trim() === "")
      return setError("Give the filter a name and a text or expression.");
    try {
      await api.topics.saveFilter(topic, cluster, { name: filterName.trim(), filter: current });
      setSaved(await api.topics.filters(topic, cluster));
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    }
  }

  return (
    <div className="space-y-3" data-testid="message-browser">
      <div className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-3 text-sm">
        <label>
          <span className="block text-xs text-slate-500 dark:text-slate-400">Partition</span>
          <select
            name="partition"
            className={input}
            value={partition}
            onChange={(e) => setPartition(e.target.value)}
          >
            <option value="">all</option>
            {partitions.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="block text-xs text-slate-500 dark:text-slate-400">From</span>
          <select
            name="startKind"
            className={input}
            value={startKind}
            onChange={(e) => setStartKind(e.target.value as typeof startKind)}
          >
            <option value="end">the end</option>
            <option value="beginning">the beginning</option>
            <option value="offset">an offset</option>
            <option value="timestamp">a time</option>
          </select>
        </label>
        {(startKind === "offset" || startKind === "timestamp") && (
          <label>
            <span className="block text-xs text-slate-500 dark:text-slate-400">
              {startKind === "offset" ? "Offset" : "Time"}
            </span>
            <input
              name="startValue"
              className={input}
              type={startKind === "offset" ? "number" : "datetime-local"}
              value={startValue}
              onChange={(e) => setStartValue(e.target.value)}
            />
          </label>
        )}
        <label>
          <span className="block text-xs text-slate-500 dark:text-slate-400">Order</span>
          <select
            name="order"
            className={input}
            value={order}
            onChange={(e) => setOrder(e.target.value as typeof order)}
          >
            <option value="newest">newest first</option>
            <option value="oldest">oldest first</option>
          </select>
        </label>
        <label>
          <span className="block text-xs text-slate-500 dark:text-slate-400">Max</span>
          <input
            name="limit"
            className={`${input} w-20`}
            type="number"
            min={1}
            max={1000}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
          />
        </label>
        <label>
          <span className="block text-xs text-slate-500 dark:text-slate-400">Key format</span>
          <select
            name="keyFormat"
            className={input}
            value={keyFormat}
            onChange={(e) => setKeyFormat(known(e.target.value))}
          >
            {formats.map(({ format }) => (
              <option key={format}>{format}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="block text-xs text-slate-500 dark:text-slate-400">Value format</span>
          <select
            name="valueFormat"
            className={input}
            value={valueFormat}
            onChange={(e) => setValueFormat(known(e.target.value))}
          >
            {formats.map(({ format }) => (
              <option key={format}>{format}</option>
            ))}
          </select>
        </label>
        <label className="grow">
          <span className="block text-xs text-slate-500 dark:text-slate-400">
            Value columns (for csv/avro: name TYPE, …)
          </span>
          <input
            name="columns"
            className={`${input} w-full font-mono`}
            value={columns}
            onChange={(e) => setColumns(e.target.value)}
            placeholder="id BIGINT, name STRING"
          />
        </label>
        <label className="grow">
          <span className="block text-xs text-slate-500 dark:text-slate-400">
            Key columns (name TYPE, …)
          </span>
          <input
            name="keyColumns"
            className={`${input} w-full font-mono`}
            value={keyColumns}
            onChange={(e) => setKeyColumns(e.target.value)}
            placeholder="id BIGINT"
          />
        </label>
        <label>
          <span className="block text-xs text-slate-500 dark:text-slate-400">
            Key format options (name=value a line)
          </span>
          <textarea
            name="keyOptions"
            rows={2}
            className={`${input} font-mono`}
            value={keyOptions}
            onChange={(e) => setKeyOptions(e.target.value)}
            placeholder="ignore-parse-errors=true"
          />
        </label>
        <label>
          <span className="block text-xs text-slate-500 dark:text-slate-400">
            Value format options (name=value a line)
          </span>
          <textarea
            name="valueOptions"
            rows={2}
            className={`${input} font-mono`}
            value={valueOptions}
            onChange={(e) => setValueOptions(e.target.value)}
            placeholder="field-delimiter=;"
          />
        </label>
        {initialDecoding?.table && (
          <p
            data-testid="decoding-from-table"
            className="w-full text-xs text-slate-600 dark:text-slate-300"
          >
            Decoding as table <span className="font-mono">{initialDecoding.table}</span> reads it:
            its key and value formats, columns and format options.
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-3 text-sm">
        <label>
          <span className="block text-xs text-slate-500 dark:text-slate-400">Text</span>
          <input
            name="filterText"
            className={input}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label className="grow">
          <span className="block text-xs text-slate-500 dark:text-slate-400">
            JavaScript filter (key, value, headers, partition, offset, timestamp)
          </span>
          <input
            name="filterExpression"
            className={`${input} w-full font-mono`}
            value={expression}
            onChange={(e) => setExpression(e.target.value)}
            placeholder='value.amount > 100 && headers.source === "web"'
          />
        </label>
        <select
          aria-label="Saved filters"
          className={input}
          value=""
          onChange={(e) => {
            const f = saved.find((s) => s.id === e.target.value);
            if (f) {
              setText(f.filter.text ?? "");
              setExpression(f.filter.expression ?? "");
              setFilterName(f.name);
            }
          }}
        >
          <option value="">saved filters…</option>
          {saved.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <input
          aria-label="Filter name"
          className={`${input} w-32`}
          placeholder="name"
          value={filterName}
          onChange={(e) => setFilterName(e.target.value)}
        />
        <button type="button" className={button} onClick={() => void saveFilter()}>
          Save filter
        </button>
      </div>
      <div className="flex items-center gap-2">
        <button
          type="button"
          disabled={busy}
          onClick={() => void browse()}
          className="rounded bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          {busy ? "Reading…" : "Browse"}
        </button>
        {!tailing ? (
          <button type="button" className={button} onClick={() => void startTail()}>
            Live tail
          </button>
        ) : (
          <>
            <button
              type="button"
              className={button}
              onClick={() => {
                pausedRef.current = !paused;
                setPaused(!paused);
              }}
            >
              {paused ? "Resume" : "Pause"}
            </button>
            <button type="button" className={button} onClick={stopTail}>
              Stop tail
            </button>
          </>
        )}
        <span className="ml-4 text-xs">Show:</span>
        {(["decoded", "text", "hex"] as const).map((s) => (
          <label key={s} className="text-xs">
            <input type="radio" name="show" checked={show === s} onChange={() => setShow(s)} /> {s}
          </label>
        ))}
        <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="browse-info">
          {paused ? "paused — " : ""}
          {info}
        </span>
      </div>
      {error && (
        <p
          role="alert"
          data-testid="browse-error"
          className="text-sm text-red-700 dark:text-red-400"
        >
          {error}
        </p>
      )}
      <table className="w-full table-fixed rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 text-xs shadow-sm">
        <thead className="bg-slate-50 dark:bg-slate-800 text-left uppercase text-slate-500 dark:text-slate-400">
          <tr>
            <th className="w-12 px-2 py-1">Part.</th>
            <th className="w-20 px-2 py-1">Offset</th>
            <th className="w-44 px-2 py-1">Timestamp</th>
            <th className="w-40 px-2 py-1">Key</th>
            <th className="px-2 py-1">Value</th>
            <th className="w-48 px-2 py-1">Headers</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr
              key={`${r.partition}-${r.offset}`}
              data-testid="message-row"
              className="border-t border-slate-100 align-top font-mono"
            >
              <td className="px-2 py-1">{r.partition}</td>
              <td className="px-2 py-1">{r.offset}</td>
              <td className="px-2 py-1">{new Date(r.timestamp).toISOString()}</td>
              <td className="px-2 py-1 break-all" data-testid="message-key">
                {shownPart(r.key, show)}
              </td>
              <td className="px-2 py-1 break-all" data-testid="message-value">
                {shownPart(r.value, show)}
              </td>
              <td className="px-2 py-1 break-all">
                {r.headers
                  .map((h) => `${h.key}=${shownBytes(h.value, show === "hex" ? "hex" : "text")}`)
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
