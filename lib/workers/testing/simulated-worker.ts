// A worker process running the simulated runtime, for tests that kill real worker processes.
// TRIBUTARY_SIMULATION (JSON of SimulationOptions without functions) tunes it.
import { runWorker } from "@/lib/workers/run-worker";
import { simulatedRuntime, type SimulationOptions } from "./simulated-runtime";

const options = JSON.parse(process.env.TRIBUTARY_SIMULATION ?? "{}") as SimulationOptions;
runWorker({ runtime: simulatedRuntime(options) }).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
