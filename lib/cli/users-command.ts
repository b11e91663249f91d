import { parseArgs } from "node:util";
import { type Command, UsageError } from "./command";
import { isRole } from "@/lib/auth/roles";
import { connectConsoleDatabase } from "./console-database";

export const usersCommand: Command = {
  name: "users",
  summary: "Add and list the console's users",
  usage: `Usage: tributary users add EMAIL --role admin|editor|viewer [--password-stdin]
       tributary users list

Works on the database directly: DATABASE_URL, or the one of the \`npm start\` running from this
checkout.

  add     creates a user; with --password-stdin the password is read from standard input
          (e.g. \`echo "$PW" | tributary users add ci@example.com --role editor --password-stdin\`);
          without it the user cannot sign in until an admin sets a password, but can own API
          tokens (\`tributary tokens create --user EMAIL\`)
  list    prints every user with role and status`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { role: { type: "string" }, "password-stdin": { type: "boolean" } },
    });
    const [sub, ...rest] = positionals;
    if (sub === "add") {
      if (rest.length !== 1) throw new UsageError("users add needs exactly one EMAIL");
      if (!isRole(values.role)) throw new UsageError("--role must be admin, editor or viewer");
      const password = values["password-stdin"] ? await readStdin() : undefined;
      if (values["password-stdin"] && !password)
        throw new UsageError("no password on standard input");
      return withDatabase(async () => {
        const { createUser } = await import("@/lib/auth/users");
        const user = await createUser({ email: rest[0], role: values.role as never, password });
        console.log(`added ${user.email} (${user.role})${password ? "" : ", without a password"}`);
        return 0;
      });
    }
    if (sub === "list") {
      return withDatabase(async () => {
        const { listUsers } = await import("@/lib/auth/users");
        for (const u of await listUsers()) {
          console.log(`${u.email}\t${u.role}\t${u.disabled ? "disabled" : "active"}`);
        }
        return 0;
      });
    }
    throw new UsageError(sub ? `unknown subcommand '${sub}'` : "name a subcommand: add or list");
  },
};

/** Runs a database command and closes the connection pool, turning refusals into messages. */
export async function withDatabase(work: () => Promise<number>): Promise<number> {
  connectConsoleDatabase();
  const { disconnectPrisma } = await import("@/lib/db/prisma");
  const { DomainError } = await import("@/lib/domain-errors");
  try {
    return await work();
  } catch (e) {
    if (e instanceof DomainError) throw new Error(e.message);
    throw e;
  } finally {
    await disconnectPrisma();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}
