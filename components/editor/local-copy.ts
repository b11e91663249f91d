"use client";
/**
 * Unsaved editor text kept in this browser (localStorage), one copy per draft and one for a new
 * script: written while there are unsaved edits (and when the page is left), offered back when the
 * same draft — or a new script — is opened again, removed once the text is saved or discarded.
 */
export interface LocalCopy {
  sql: string;
  savedAt: string;
  /** The draft version the edits were made on (a named draft). */
  baseVersion?: number;
}

const key = (draftId: string | null) => `tributary:unsaved:${draftId ?? "new"}`;

export function readLocalCopy(draftId: string | null): LocalCopy | null {
  try {
    const raw = window.localStorage.getItem(key(draftId));
    const copy = raw ? (JSON.parse(raw) as LocalCopy) : null;
    return copy && typeof copy.sql === "string" ? copy : null;
  } catch {
    return null;
  }
}

export function writeLocalCopy(draftId: string | null, copy: LocalCopy): void {
  try {
    window.localStorage.setItem(key(draftId), JSON.stringify(copy));
  } catch {
    // Storage full or disabled: the leave guard still asks before anything is lost.
  }
}

export function clearLocalCopy(draftId: string | null): void {
  try {
    window.localStorage.removeItem(key(draftId));
  } catch {
    // as above
  }
}
