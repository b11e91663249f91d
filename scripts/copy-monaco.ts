/**
 * Serves Monaco from the console itself: copies monaco-editor's prebuilt `min/vs` into
 * public/monaco (git-ignored) after `npm install`, so the editor never loads from a CDN.
 */
import fs from "node:fs/promises";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const from = path.join(root, "node_modules", "monaco-editor", "min", "vs");
const to = path.join(root, "public", "monaco", "vs");
const versionFile = path.join(root, "public", "monaco", "VERSION");

const { version } = JSON.parse(
  await fs.readFile(path.join(root, "node_modules", "monaco-editor", "package.json"), "utf8"),
) as { version: string };
const copied = await fs.readFile(versionFile, "utf8").catch(() => "");
if (copied !== version) {
  await fs.rm(to, { recursive: true, force: true });
  await fs.cp(from, to, { recursive: true });
  await fs.writeFile(versionFile, version);
  console.log(`monaco-editor ${version} copied to public/monaco`);
}
