"use client";

import { useEffect, useState } from "react";

/** The browser's choice, kept in localStorage; "system" follows prefers-color-scheme. */
export type ThemeChoice = "system" | "light" | "dark";
export const THEME_STORAGE_KEY = "tributary-theme";

/**
 * Runs before the page paints (inlined in <head>), so a dark page never flashes light: sets the
 * `dark` class on <html> from the stored choice or the system preference, and keeps following
 * the system while the choice is "system".
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var k=${JSON.stringify(THEME_STORAGE_KEY)};var m=window.matchMedia('(prefers-color-scheme: dark)');function a(){var c=localStorage.getItem(k)||'system';var d=c==='dark'||(c==='system'&&m.matches);document.documentElement.classList.toggle('dark',d);document.documentElement.style.colorScheme=d?'dark':'light';document.documentElement.dataset.theme=c;}a();m.addEventListener('change',a);window.__tributaryApplyTheme=a;}catch(e){}})();`;

export function storedChoice(): ThemeChoice {
  const v = typeof localStorage === "undefined" ? null : localStorage.getItem(THEME_STORAGE_KEY);
  return v === "light" || v === "dark" ? v : "system";
}

const listeners = new Set<() => void>();

/** For useSyncExternalStore: changes made here and in other tabs (storage events). */
export function subscribeThemeChoice(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

export function setThemeChoice(choice: ThemeChoice): void {
  if (choice === "system") localStorage.removeItem(THEME_STORAGE_KEY);
  else localStorage.setItem(THEME_STORAGE_KEY, choice);
  (window as unknown as { __tributaryApplyTheme?: () => void }).__tributaryApplyTheme?.();
  for (const l of listeners) l();
}

/** Whether the page is dark right now (follows the <html> class the boot script sets). */
export function useIsDark(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const html = document.documentElement;
    const update = () => setDark(html.classList.contains("dark"));
    update();
    const observer = new MutationObserver(update);
    observer.observe(html, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return dark;
}
