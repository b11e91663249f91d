import { type Command, UsageError, wantsHelp } from "./command";
import { diagnoseCommand } from "./diagnose-command";
import { healthCommand } from "./health-command";
import { startCommand } from "./start-command";
import { workerCommand } from "./worker-command";
import { validateCommand } from "./validate-command";
import { explainCommand } from "./explain-command";
import { runCommand } from "./run-command";
import { usersCommand } from "./users-command";
import { tokensCommand } from "./tokens-command";
import { topicsCommand } from "./topics-command";
import { previewCommand } from "./preview-command";

const COMMANDS: Command[] = [
  startCommand,
  workerCommand,
  healthCommand,
  validateCommand,
  explainCommand,
  diagnoseCommand,
  runCommand,
  usersCommand,
  tokensCommand,
  topicsCommand,
  previewCommand,
];

function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "tributary — author, deploy and monitor Flink SQL jobs that write to Kafka",
    "",
    "Usage: tributary <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `tributary <command> --help` for a command's options.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(topLevelHelp());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`tributary: unknown command '${name}'.\n\n${topLevelHelp()}`);
    return 2;
  }
  if (wantsHelp(args)) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`tributary ${name}: ${e.message}\n\n${command.usage}`);
      return 2;
    }
    console.error(`tributary ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
