"use client";

import { useSyncExternalStore } from "react";
import { type ThemeChoice, setThemeChoice, storedChoice, subscribeThemeChoice } from "./theme";

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<ThemeChoice, string> = {
  system: "Theme: system",
  light: "Theme: light",
  dark: "Theme: dark",
};

/** Cycles system → light → dark; the choice is remembered by this browser. */
export function ThemeToggle() {
  const choice = useSyncExternalStore(subscribeThemeChoice, storedChoice, () => "system" as const);
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      data-theme-choice={choice}
      onClick={() => {
        const next = NEXT[choice];
        setThemeChoice(next);
      }}
      className="rounded border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      {LABEL[choice]}
    </button>
  );
}
