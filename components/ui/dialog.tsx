"use client";

import { useEffect, useId, useRef } from "react";

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, Escape closes it, and
 * the rest of the page is inert while it is open. The title labels it for screen readers.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  wide = false,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: React.ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto w-full ${wide ? "max-w-5xl" : "max-w-lg"} rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/40 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100`}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <h2
            id={titleId}
            className="border-b border-slate-200 px-5 py-3 text-base font-semibold dark:border-slate-700"
          >
            {title}
          </h2>
          <div className="min-h-0 flex-1 overflow-auto px-5 py-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}

export const buttonClass = {
  primary:
    "rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500",
  secondary:
    "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700",
  danger:
    "rounded bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-50",
};

export const inputClass =
  "w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";

/** A yes/no question in a dialog (stop, cancel, discard changes). */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  danger = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  message: React.ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog open={open} title={title} onClose={onCancel}>
      <div className="text-sm">{message}</div>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" className={buttonClass.secondary} onClick={onCancel} autoFocus>
          Keep
        </button>
        <button
          type="button"
          className={danger ? buttonClass.danger : buttonClass.primary}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** Asks for a name (a new draft, a rename); Enter submits. */
export function NameDialog({
  open,
  title,
  label,
  initial,
  submitLabel,
  error,
  onSubmit,
  onCancel,
  children,
}: {
  open: boolean;
  title: string;
  label: string;
  initial: string;
  submitLabel: string;
  error?: string | null;
  onSubmit: (name: string) => void;
  onCancel: () => void;
  children?: React.ReactNode;
}) {
  const id = useId();
  return (
    <Dialog open={open} title={title} onClose={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const name = String(new FormData(e.currentTarget).get("name") ?? "").trim();
          if (name) onSubmit(name);
        }}
      >
        <label htmlFor={id} className="mb-1 block text-sm font-medium">
          {label}
        </label>
        <input
          id={id}
          name="name"
          defaultValue={initial}
          required
          autoFocus
          className={inputClass}
        />
        {children}
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className={buttonClass.primary}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
