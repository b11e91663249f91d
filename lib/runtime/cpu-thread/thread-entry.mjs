// The entry of an instance's CPU thread (lib/runtime/cpu-thread/cpu-thread.ts starts it): loads
// thread-main.ts with TypeScript support however the process itself loads it. Under
// `node --import tsx` (workers/, `npm start`) the thread inherits tsx from its execArgv; under
// bin/tributary.mjs (tsx registered in the main thread only) and vitest (which transforms modules
// itself) a .ts import fails, and the thread registers tsx on its own, as bin/tributary.mjs does.
import { pathToFileURL } from "node:url";
import { workerData } from "node:worker_threads";

const main = pathToFileURL(workerData.main).href;
try {
  await import(main);
} catch (error) {
  if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: workerData.tsconfig });
  // A new URL: the failed import stays cached under the first one.
  await import(`${main}?tsx`);
}
