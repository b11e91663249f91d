"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Diagnostic } from "@/lib/sql/diagnostic";
import { DRAFT_TEMPLATES, type DraftTemplate, templateSql } from "@/lib/templates/templates";
import { ConfirmDialog, NameDialog, buttonClass, inputClass } from "@/components/ui/dialog";
import { useIsDark } from "@/components/theme/theme";
import { api } from "@/lib/api/client";
import type { DraftDetail, DraftSummary } from "@/lib/drafts/schemas";
import type { AttachedResource } from "@/lib/resources/draft-resources";
import { DeployDialog, type DeployRequest } from "./deploy-dialog";
import { HistoryDialog } from "./history-dialog";
import { ProblemsPanel } from "./problems-panel";
import { SqlEditor, type SqlEditorHandle } from "./sql-editor";
import { TemplateGallery } from "./template-gallery";
import { useAssistContext } from "./use-assist-context";
import { useSqlDiagnostics } from "./use-sql-diagnostics";
import { CreateTopicDialog } from "./create-topic-dialog";
import { MoveToSecretDialog } from "./move-to-secret-dialog";
import { setMoveToSecretHandler } from "./sql-language";
import { clearLocalCopy, type LocalCopy, readLocalCopy, writeLocalCopy } from "./local-copy";
import { DraftResourcePicker } from "@/components/resources/draft-resource-picker";
import { attachedStoreFiles } from "@/lib/connectors/attached-stores";
import { PreviewPanel } from "@/components/preview/preview-panel";
import { InsertConnectionMenu } from "@/components/clusters/insert-connection-menu";

const AUTOSAVE_MS = 3000;
/** Unsaved text is copied to this browser's storage this soon after typing stops (and on leaving). */
const LOCAL_COPY_MS = 300;
const DEFAULT_TEMPLATE = DRAFT_TEMPLATES[0];

type DialogState =
  | { kind: "none" }
  | { kind: "name"; purpose: "create" | "rename" }
  | { kind: "deploy"; sql: string }
  | { kind: "history" }
  | { kind: "templates" }
  | { kind: "delete" }
  | { kind: "discard"; then: () => void; what: string };

const parseTags = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

/** The SQL editor page: drafts with history, validation as you type, explain and deploy. */
export function EditorWorkspace() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const dark = useIsDark();
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const [archived, setArchived] = useState<DraftSummary[]>([]);
  const [draft, setDraft] = useState<DraftDetail | null>(null);
  // The editor's model holds the text; `sql` mirrors it (for the dirty marker), `baseline` is
  // what was last opened or saved.
  const [sql, setSql] = useState(DEFAULT_TEMPLATE.sql);
  const [baseline, setBaseline] = useState(DEFAULT_TEMPLATE.sql);
  const [dialog, setDialog] = useState<DialogState>({ kind: "none" });
  const [nameError, setNameError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "info" | "error"; text: string } | null>(null);
  const [explain, setExplain] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [autosave, setAutosave] = useState(true);
  const [comment, setComment] = useState("");
  const [bootstrap, setBootstrap] = useState<string | undefined>(undefined);
  /** Unsaved edits of the shown draft (or new script) found in this browser's storage. */
  const [recovered, setRecovered] = useState<{
    draftId: string | null;
    copy: LocalCopy;
  } | null>(null);
  const editor = useRef<SqlEditorHandle | null>(null);
  /** The draft the editor shows (kept in step with `draft`, read by URL-driven loading). */
  const shownDraftId = useRef<string | null>(null);
  // The draft's attached resources (the picker below): their partitioner classes are what
  // validation, completion and the deploy know.
  const [attachedToDraft, setResources] = useState<AttachedResource[]>([]);
  const resources = useMemo(() => (draft ? attachedToDraft : []), [draft, attachedToDraft]);
  const classes = useMemo(
    () => ({
      partitionerClasses: resources.flatMap((r) => r.partitioners),
      jsPartitionerClasses: resources.filter((r) => r.kind === "JS").flatMap((r) => r.partitioners),
      otherClasses: resources.flatMap((r) => r.otherClasses),
      storeFiles: attachedStoreFiles(resources),
    }),
    [resources],
  );
  const partitionerClasses = classes.partitionerClasses;
  const [secretsRevision, setSecretsRevision] = useState(0);
  useAssistContext(partitionerClasses, secretsRevision);
  const { diagnostics: local, pending, submit } = useSqlDiagnostics(classes);
  // Topics missing on the cluster: checked by the server (POST /api/sql/validate, checkTopics)
  // after a pause in typing, shown while the text is the one checked.
  const [topicCheck, setTopicCheck] = useState<{ sql: string; warnings: Diagnostic[] } | null>(
    null,
  );
  const [topicToCreate, setTopicToCreate] = useState<string | null>(null);
  // "Move to a secret" (literal-password warnings) for editors and admins; viewers are not offered it.
  const [canCreateSecrets, setCanCreateSecrets] = useState(false);
  const [moveTarget, setMoveTarget] = useState<Diagnostic | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.auth.session().then(
      (b) => {
        if (!cancelled) setCanCreateSecrets(b.user?.role === "editor" || b.user?.role === "admin");
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  useEffect(() => {
    setMoveToSecretHandler(canCreateSecrets ? setMoveTarget : null);
    return () => setMoveToSecretHandler(null);
  }, [canCreateSecrets]);
  const [topicCheckRun, setTopicCheckRun] = useState(0);
  const dirty = sql !== baseline;
  useEffect(() => {
    if (local.some((d) => d.severity === "error")) return;
    const controller = new AbortController();
    const text = sql;
    const timer = setTimeout(() => {
      api.sql.validate({ sql: text, ...classes, checkTopics: true }, controller.signal).then(
        (b) =>
          setTopicCheck({
            sql: text,
            warnings: b.diagnostics.filter((d) => d.action?.kind === "create-topic"),
          }),
        () => undefined,
      );
    }, 800);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [sql, local, classes, topicCheckRun]);
  const diagnostics =
    topicCheck && topicCheck.sql === sql && !pending
      ? [...local, ...topicCheck.warnings].sort((a, b) => a.line - b.line || a.column - b.column)
      : local;
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);

  const currentSql = useCallback(() => editor.current?.getValue() ?? sql, [sql]);
  /** What the editor should show once it is mounted (a load can come first). */
  const loaded = useRef(DEFAULT_TEMPLATE.sql);
  /** Shows `text`; with `copyOf` (a draft id, or null for a new script) offers edits kept locally. */
  const load = useCallback(
    (text: string, copyOf: string | null | false = false) => {
      const copy = copyOf === false ? null : readLocalCopy(copyOf);
      setRecovered(copy && copy.sql !== text ? { draftId: copyOf || null, copy } : null);
      loaded.current = text;
      editor.current?.setValue(text);
      setSql(text);
      setBaseline(text);
      setExplain(null);
      submit(text, true);
    },
    [submit],
  );

  const refreshDrafts = useCallback(async () => {
    const [inUse, gone] = await Promise.all([api.drafts.list(), api.drafts.list(true)]);
    setDrafts(inUse);
    setArchived(gone);
  }, []);

  const fail = (what: string, e: unknown) =>
    setMessage({ kind: "error", text: `${what}: ${e instanceof Error ? e.message : String(e)}` });

  const openDraft = useCallback(
    async (id: string, version?: number) => {
      const d = await api.drafts.get(id, version);
      shownDraftId.current = d.id;
      setDraft(d);
      load(d.sql, d.id);
      setMessage(null);
    },
    [load],
  );

  // The draft named in the URL (?draft=id) is opened unless it is the one shown (the page sets
  // the URL itself after creating or switching drafts).
  const draftParam = searchParams.get("draft");
  useEffect(() => {
    shownDraftId.current = draft?.id ?? null;
  }, [draft]);
  useEffect(() => {
    if (!draftParam || draftParam === shownDraftId.current) return;
    let cancelled = false;
    api.drafts.get(draftParam).then(
      (d) => {
        if (cancelled) return;
        shownDraftId.current = d.id;
        setDraft(d);
        load(d.sql, d.id);
      },
      (e) => !cancelled && fail("Open draft", e),
    );
    return () => {
      cancelled = true;
    };
  }, [draftParam, load]);

  // Once: the drafts, and the console's cluster for the templates' bootstrap servers (a new
  // draft starts from the first template, pointed at it).
  const initialDraftParam = useRef(draftParam);
  useEffect(() => {
    let cancelled = false;
    Promise.all([api.drafts.list(), api.drafts.list(true)]).then(
      ([inUse, gone]) => {
        if (cancelled) return;
        setDrafts(inUse);
        setArchived(gone);
      },
      (e) => !cancelled && fail("Drafts", e),
    );
    api.health().then(
      (h) => {
        if (cancelled) return;
        const listed = h.components?.kafka?.bootstrapServers;
        const servers = typeof listed === "string" ? listed : undefined;
        setBootstrap(servers);
        if (!initialDraftParam.current && !dirtyRef.current && !shownDraftId.current)
          load(templateSql(DEFAULT_TEMPLATE, servers), null);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [load]);

  /** Runs `then` now, or after the user agrees to drop unsaved edits. */
  const guard = useCallback((what: string, then: () => void) => {
    if (!dirtyRef.current) then();
    else setDialog({ kind: "discard", then, what });
  }, []);

  const keepLocalCopy = useRef(() => {});
  useEffect(() => {
    keepLocalCopy.current = () => {
      if (!dirtyRef.current) return;
      writeLocalCopy(draft?.id ?? null, {
        sql: currentSql(),
        savedAt: new Date().toISOString(),
        baseVersion: draft?.latestVersion,
      });
    };
  });
  // Leaving with unsaved edits: the browser's own prompt on unload, ours for in-app links.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      keepLocalCopy.current();
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (!dirtyRef.current || e.defaultPrevented || e.button !== 0) return;
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || a.target === "_blank" || a.origin !== window.location.origin) return;
      if (a.pathname === window.location.pathname && a.hash) return;
      e.preventDefault();
      e.stopPropagation();
      const href = a.pathname + a.search + a.hash;
      setDialog({
        kind: "discard",
        what: `go to ${a.textContent?.trim() || href}`,
        then: () => router.push(href),
      });
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [router]);

  const saving = useRef(false);
  const save = useCallback(
    async (opts: { comment?: string; auto?: boolean } = {}) => {
      if (!draft) {
        if (!opts.auto) {
          setNameError(null);
          setDialog({ kind: "name", purpose: "create" });
        }
        return;
      }
      if (saving.current) return;
      saving.current = true;
      const text = currentSql();
      try {
        const saved = await api.drafts.save(draft.id, {
          sql: text,
          baseVersion: draft.latestVersion,
          comment: opts.comment || undefined,
        });
        setDraft(saved);
        setBaseline(text);
        clearLocalCopy(saved.id);
        if (!opts.auto) setComment("");
        setMessage({
          kind: "info",
          text: `${opts.auto ? "Autosaved" : "Saved"} '${saved.name}' as version ${saved.latestVersion}.`,
        });
        void refreshDrafts();
      } catch (e) {
        fail(opts.auto ? "Autosave" : "Save", e);
      } finally {
        saving.current = false;
      }
    },
    [draft, currentSql, refreshDrafts],
  );

  // Every unsaved edit is also copied to this browser, so a reload or a closed tab loses nothing —
  // a new script has no server copy until it is named (offered back when the page opens again).
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => keepLocalCopy.current(), LOCAL_COPY_MS);
    return () => clearTimeout(timer);
  }, [dirty, sql]);
  useEffect(() => {
    const onHide = () => keepLocalCopy.current();
    window.addEventListener("pagehide", onHide);
    return () => window.removeEventListener("pagehide", onHide);
  }, []);

  const restoreLocalCopy = () => {
    if (!recovered) return;
    const text = recovered.copy.sql;
    loaded.current = text; // what Monaco shows when it mounts, if it has not yet
    editor.current?.setValue(text);
    setSql(text);
    submit(text, true);
    setRecovered(null);
    setMessage({ kind: "info", text: "Restored the unsaved edits kept in this browser." });
  };

  // Autosave: a named draft with edits is saved after a pause in typing.
  useEffect(() => {
    if (!autosave || !draft || !dirty) return;
    const timer = setTimeout(() => void save({ auto: true, comment: "Autosaved" }), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [autosave, draft, dirty, sql, save]);

  const createDraft = async (name: string, tags: string[]) => {
    const text = currentSql();
    try {
      const created = await api.drafts.create({
        name,
        sql: text,
        tags,
        comment: comment || undefined,
      });
      shownDraftId.current = created.id;
      setDraft(created);
      setBaseline(text);
      clearLocalCopy(null);
      setComment("");
      setDialog({ kind: "none" });
      setMessage({ kind: "info", text: `Saved '${created.name}' as version 1.` });
      router.replace(`/?draft=${created.id}`);
      void refreshDrafts();
    } catch (e) {
      setNameError(e instanceof Error ? e.message : String(e));
    }
  };

  const renameDraft = async (name: string, tags: string[]) => {
    if (!draft) return;
    try {
      const updated = await api.drafts.update(draft.id, { name, tags });
      setDraft({ ...updated, sql: draft.sql, version: draft.version });
      setDialog({ kind: "none" });
      void refreshDrafts();
    } catch (e) {
      setNameError(e instanceof Error ? e.message : String(e));
    }
  };

  const validateNow = () => {
    submit(currentSql(), true);
    setMessage({ kind: "info", text: "Validated." });
  };

  const showExplain = async () => {
    setBusy(true);
    try {
      const result = await api.sql.explain({ sql: currentSql(), ...classes });
      setExplain(result.plan ?? null);
      setMessage(
        result.ok
          ? null
          : {
              kind: "error",
              text: "Fix the errors first: the script has no plan while it has errors.",
            },
      );
    } catch (e) {
      fail("Explain", e);
    } finally {
      setBusy(false);
    }
  };

  const openDeploy = () => setDialog({ kind: "deploy", sql: currentSql() });

  const deploy = async (req: DeployRequest) => {
    // Link the job to the draft version when what is deployed is exactly what was saved.
    const text = currentSql();
    const linked =
      draft && !dirtyRef.current && req.sql === text
        ? { draftId: draft.id, draftVersion: draft.latestVersion }
        : {};
    const { id } = await api.jobs.deploy({
      ...req,
      ...linked,
      resourceIds: resources.map((r) => r.id),
    });
    dirtyRef.current = false; // the job holds the script; leaving is intended
    clearLocalCopy(draft?.id ?? null);
    setDialog({ kind: "none" });
    router.push(`/jobs/${id}`);
  };

  const pickTemplate = (t: DraftTemplate) => {
    setDialog({ kind: "none" });
    guard(`start from the template '${t.title}'`, () => {
      setDraft(null);
      router.replace("/");
      load(templateSql(t, bootstrap));
      setMessage({ kind: "info", text: `New draft from '${t.title}' — save it to keep it.` });
    });
  };

  // Keyboard: Ctrl/Cmd+S save, Ctrl/Cmd+Enter validate, Ctrl/Cmd+Shift+Enter deploy — also
  // while Monaco has focus (captured before it handles Enter).
  const keys = useRef({ save, validateNow, openDeploy });
  useEffect(() => {
    keys.current = { save, validateNow, openDeploy };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (document.querySelector("dialog[open]")) return;
      const key = e.key.toLowerCase();
      if (key === "s" && !e.shiftKey) {
        e.preventDefault();
        e.stopPropagation();
        void keys.current.save();
      } else if (key === "enter") {
        e.preventDefault();
        e.stopPropagation();
        if (e.shiftKey) keys.current.openDeploy();
        else keys.current.validateNow();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);

  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const tagsOf = (d: DraftSummary) => (d.tags.length ? d.tags : ["Untagged"]);
  const folders = [...new Set(drafts.flatMap(tagsOf))].sort();

  return (
    <div className="flex h-[calc(100vh-7rem)] flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-2 text-lg font-semibold" data-testid="editor-title">
          {draft ? draft.name : "New draft"}
          {dirty && (
            <span
              data-testid="dirty-marker"
              className="ml-1 text-amber-600 dark:text-amber-400"
              title="Unsaved changes"
            >
              ●<span className="sr-only"> (unsaved changes)</span>
            </span>
          )}
        </h1>
        {draft && (
          <span
            data-testid="draft-created-by"
            className="text-xs text-slate-600 dark:text-slate-300"
          >
            created by {draft.createdBy ?? "unknown"}
          </span>
        )}
        <label className="sr-only" htmlFor="draft-select">
          Draft
        </label>
        <select
          id="draft-select"
          aria-label="Draft"
          className="rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1 text-sm"
          value={draft?.id ?? ""}
          onChange={(e) => {
            const id = e.target.value;
            guard("switch drafts", () => {
              if (id) {
                router.replace(`/?draft=${id}`);
                void openDraft(id).catch((err) => fail("Open draft", err));
              } else {
                setDraft(null);
                router.replace("/");
                load(templateSql(DEFAULT_TEMPLATE, bootstrap));
              }
            });
          }}
        >
          <option value="">New draft</option>
          {folders.map((folder) => (
            <optgroup key={folder} label={folder}>
              {drafts
                .filter((d) => tagsOf(d).includes(folder))
                .map((d) => (
                  <option key={`${folder}-${d.id}`} value={d.id}>
                    {d.name} (v{d.latestVersion})
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        {draft && draft.versions.length > 1 && (
          <select
            aria-label="Version"
            className="rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1 text-sm"
            value={draft.version}
            onChange={(e) => {
              const v = Number(e.target.value);
              guard(
                "open another version",
                () => void openDraft(draft.id, v).catch((err) => fail("Open version", err)),
              );
            }}
          >
            {draft.versions.map((v) => (
              <option key={v.version} value={v.version}>
                version {v.version}
                {v.comment ? ` · ${v.comment}` : ""}
              </option>
            ))}
          </select>
        )}
        <DraftResourcePicker draftId={draft?.id ?? null} onChange={setResources} />
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => setDialog({ kind: "templates" })}
        >
          New from template
        </button>
        <input
          aria-label="Version comment"
          placeholder="Version comment (optional)"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          className="w-52 rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
        <button
          type="button"
          onClick={() => void save({ comment })}
          disabled={busy}
          className="rounded bg-slate-800 dark:bg-slate-700 px-3 py-1.5 text-sm text-white disabled:opacity-50"
          aria-keyshortcuts="Control+S"
        >
          Save
        </button>
        {draft && (
          <>
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => {
                setNameError(null);
                setDialog({ kind: "name", purpose: "rename" });
              }}
            >
              Rename
            </button>
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => setDialog({ kind: "history" })}
            >
              History
            </button>
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => setDialog({ kind: "delete" })}
            >
              Delete
            </button>
          </>
        )}
        <button
          type="button"
          onClick={() => void showExplain()}
          disabled={busy}
          className={buttonClass.secondary}
        >
          Explain
        </button>
        <button
          type="button"
          onClick={openDeploy}
          disabled={busy || errors > 0 || pending}
          title={errors > 0 ? "Fix the errors before deploying" : undefined}
          className={buttonClass.primary}
          aria-keyshortcuts="Control+Shift+Enter"
        >
          Deploy
        </button>
        <InsertConnectionMenu onInsert={(text) => editor.current?.insertAtCursor(text)} />
        <label className="flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            checked={autosave}
            onChange={(e) => setAutosave(e.target.checked)}
          />
          Autosave
        </label>
        <span
          data-testid="problem-count"
          className="ml-auto text-sm text-slate-600 dark:text-slate-300"
          aria-live="polite"
        >
          {pending
            ? "checking…"
            : errors === 0 && warnings === 0
              ? "no problems"
              : `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`}
        </span>
      </div>
      {message && (
        <p
          role="status"
          className={
            message.kind === "error"
              ? "text-sm text-red-700 dark:text-red-400"
              : "text-sm text-green-700 dark:text-green-400"
          }
        >
          {message.text}
        </p>
      )}
      {recovered && (
        <div
          role="region"
          aria-label="Unsaved edits kept in this browser"
          className="flex flex-wrap items-center gap-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          <span>
            Unsaved edits from {new Date(recovered.copy.savedAt).toLocaleString()} were kept in this
            browser
            {draft &&
            recovered.copy.baseVersion !== undefined &&
            recovered.copy.baseVersion !== draft.latestVersion
              ? ` (made on version ${recovered.copy.baseVersion}; the draft is now at version ${draft.latestVersion})`
              : ""}
            .
          </span>
          <button type="button" className={buttonClass.primary} onClick={restoreLocalCopy}>
            Restore them
          </button>
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => {
              clearLocalCopy(recovered.draftId);
              setRecovered(null);
            }}
          >
            Discard them
          </button>
        </div>
      )}
      <div className="grid min-h-0 flex-1 grid-cols-1 gap-3 lg:grid-cols-[1fr_24rem]">
        <div className="flex min-h-0 flex-col gap-1">
          <SqlEditor
            initialValue={DEFAULT_TEMPLATE.sql}
            theme={dark ? "dark" : "light"}
            onChange={(text) => {
              setSql(text);
              submit(text);
            }}
            diagnostics={diagnostics}
            onReady={(h) => {
              editor.current = h;
              h.setValue(loaded.current);
            }}
          />
          <p
            id="editor-keys"
            className="text-xs text-slate-500 dark:text-slate-400"
            data-testid="keyboard-hint"
          >
            <kbd>Ctrl/⌘+S</kbd> save · <kbd>Ctrl/⌘+Enter</kbd> validate ·{" "}
            <kbd>Ctrl/⌘+Shift+Enter</kbd> deploy · <kbd>Ctrl+Space</kbd> complete ·{" "}
            <kbd>Ctrl/⌘+.</kbd> quick fix · leave the editor with <kbd>Esc</kbd> then <kbd>Tab</kbd>{" "}
            (or <kbd>Ctrl+M</kbd> to let Tab move focus)
          </p>
        </div>
        <div className="flex min-h-0 flex-col gap-3">
          <ProblemsPanel
            diagnostics={diagnostics}
            onSelect={(d) => editor.current?.revealDiagnostic(d)}
            onFix={(d, fix) => editor.current?.applyFix(fix)}
            onCreateTopic={setTopicToCreate}
            onMoveToSecret={canCreateSecrets ? setMoveTarget : undefined}
          />
          {explain && (
            <pre
              data-testid="explain"
              className="min-h-0 flex-1 overflow-auto rounded border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-3 text-xs"
            >
              {explain}
            </pre>
          )}
          {archived.length > 0 && (
            <details className="rounded border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-2 text-sm">
              <summary>Archive ({archived.length})</summary>
              <ul>
                {archived.map((d) => (
                  <li key={d.id} className="flex items-center gap-2 py-0.5">
                    <span className="min-w-0 flex-1 truncate">{d.name}</span>
                    <button
                      type="button"
                      className="text-indigo-700 dark:text-indigo-300 underline"
                      onClick={async () => {
                        await api.drafts
                          .update(d.id, { archived: false })
                          .catch((e) => fail("Restore", e));
                        void refreshDrafts();
                      }}
                    >
                      Restore {d.name}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      </div>

      <NameDialog
        open={dialog.kind === "name"}
        title={
          dialog.kind === "name" && dialog.purpose === "rename"
            ? "Rename draft"
            : "Save as a new draft"
        }
        label="Draft name"
        initial={dialog.kind === "name" && dialog.purpose === "rename" ? (draft?.name ?? "") : ""}
        submitLabel={dialog.kind === "name" && dialog.purpose === "rename" ? "Rename" : "Save"}
        error={nameError}
        onCancel={() => setDialog({ kind: "none" })}
        onSubmit={(name) => {
          const tags = parseTags(
            (document.getElementById("draft-tags") as HTMLInputElement | null)?.value ?? "",
          );
          if (dialog.kind === "name" && dialog.purpose === "rename") void renameDraft(name, tags);
          else void createDraft(name, tags);
        }}
      >
        <label htmlFor="draft-tags" className="mt-3 mb-1 block text-sm font-medium">
          Folders (tags, comma-separated)
        </label>
        <input
          id="draft-tags"
          defaultValue={
            dialog.kind === "name" && dialog.purpose === "rename"
              ? (draft?.tags ?? []).join(", ")
              : ""
          }
          className={inputClass}
        />
      </NameDialog>
      <DeployDialog
        open={dialog.kind === "deploy"}
        sql={dialog.kind === "deploy" ? dialog.sql : ""}
        defaultName={draft?.name ?? ""}
        partitionerClasses={partitionerClasses}
        jsPartitionerClasses={classes.jsPartitionerClasses}
        onClose={() => setDialog({ kind: "none" })}
        onDeploy={deploy}
      />
      {draft && dialog.kind === "history" && (
        <HistoryDialog
          open
          draft={draft}
          onClose={() => setDialog({ kind: "none" })}
          onRestore={async (version, text) => {
            const saved = await api.drafts.save(draft.id, {
              sql: text,
              baseVersion: draft.latestVersion,
              comment: `Restored from version ${version}`,
            });
            setDraft(saved);
            load(saved.sql);
            setDialog({ kind: "none" });
            setMessage({
              kind: "info",
              text: `Restored version ${version} as version ${saved.latestVersion}.`,
            });
            void refreshDrafts();
          }}
        />
      )}
      <MoveToSecretDialog
        diagnostic={moveTarget}
        textAt={(span) => editor.current?.getText(span) ?? ""}
        onClose={() => setMoveTarget(null)}
        onMoved={(name, fix) => {
          setMoveTarget(null);
          setSecretsRevision((r) => r + 1);
          editor.current?.applyFix(fix);
          setMessage({
            kind: "info",
            text: `Stored the value as the secret '${name}'; the script now refers to it.`,
          });
        }}
      />
      <CreateTopicDialog
        topic={topicToCreate}
        onClose={() => setTopicToCreate(null)}
        onCreated={(name) => {
          setTopicToCreate(null);
          setMessage({ kind: "info", text: `Created topic '${name}'.` });
          setTopicCheckRun((n) => n + 1);
        }}
      />
      <TemplateGallery
        open={dialog.kind === "templates"}
        onClose={() => setDialog({ kind: "none" })}
        onPick={pickTemplate}
      />
      <ConfirmDialog
        open={dialog.kind === "delete"}
        title="Delete draft"
        message={
          <>
            Move &apos;{draft?.name}&apos; to the archive? Its versions are kept and it can be
            restored.
          </>
        }
        confirmLabel="Delete"
        danger
        onCancel={() => setDialog({ kind: "none" })}
        onConfirm={async () => {
          if (!draft) return;
          setDialog({ kind: "none" });
          try {
            await api.drafts.update(draft.id, { archived: true });
            setMessage({ kind: "info", text: `Moved '${draft.name}' to the archive.` });
            setDraft(null);
            router.replace("/");
            load(templateSql(DEFAULT_TEMPLATE, bootstrap));
            void refreshDrafts();
          } catch (e) {
            fail("Delete", e);
          }
        }}
      />
      <ConfirmDialog
        open={dialog.kind === "discard"}
        title="Unsaved changes"
        message={
          <>
            The editor has changes that are not saved. Discard them and{" "}
            {dialog.kind === "discard" ? dialog.what : "continue"}?
          </>
        }
        confirmLabel="Discard changes"
        danger
        onCancel={() => setDialog({ kind: "none" })}
        onConfirm={() => {
          if (dialog.kind !== "discard") return;
          const then = dialog.then;
          dirtyRef.current = false;
          clearLocalCopy(shownDraftId.current);
          setBaseline(currentSql());
          setDialog({ kind: "none" });
          then();
        }}
      />
      <PreviewPanel sql={sql} draftId={draft?.id} />
    </div>
  );
}
