import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Debian's Chromium for the e2e tests: installed with apt-get when missing (never a browser
 * download by a test tool).
 */
export async function ensureChromium(log: (line: string) => void): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  log("installing Debian's chromium for the e2e tests (apt-get)");
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  for (const args of [
    ["apt-get", "update", "-qq"],
    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
  ]) {
    const [cmd, ...rest] = [...asRoot, ...args];
    const result = spawnSync(cmd, rest, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status !== 0) {
      throw new Error(
        `\`${args.join(" ")}\` failed; install Debian's chromium (apt-get install chromium) and run the tests again.`,
      );
    }
  }
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is missing.`);
  return CHROMIUM_PATH;
}
