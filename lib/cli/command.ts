/** A CLI subcommand: its name, one-line summary, full help, and what it does (returns an exit code). */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

export function wantsHelp(args: string[]): boolean {
  return args.includes("--help") || args.includes("-h");
}

/** Thrown for bad command-line input; main prints it with the command's usage. */
export class UsageError extends Error {
  override name = "UsageError";
}
