"use client";

import { DRAFT_TEMPLATES, type DraftTemplate } from "@/lib/templates/templates";
import { Dialog, buttonClass } from "@/components/ui/dialog";

/** Starts a new draft from one of the templates (lib/templates, data). */
export function TemplateGallery({
  open,
  onClose,
  onPick,
}: {
  open: boolean;
  onClose: () => void;
  onPick: (template: DraftTemplate) => void;
}) {
  return (
    <Dialog open={open} title="New draft from a template" onClose={onClose} wide>
      <ul className="grid gap-3 sm:grid-cols-2" data-testid="template-gallery">
        {DRAFT_TEMPLATES.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              onClick={() => onPick(t)}
              className="h-full w-full rounded border border-slate-300 p-3 text-left hover:border-indigo-500 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              <span className="block font-medium">{t.title}</span>
              <span className="block text-sm text-slate-600 dark:text-slate-300">
                {t.description}
              </span>
              <span className="mt-1 block text-xs text-slate-500 dark:text-slate-400">
                Topics: {t.topics.map((x) => x.name).join(", ")}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="mt-4 flex justify-end">
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
