import { parseArgs } from "node:util";
import { type Command, UsageError } from "./command";
import { isRole } from "@/lib/auth/roles";
import { withDatabase } from "./users-command";

export const tokensCommand: Command = {
  name: "tokens",
  summary: "Create, list and revoke API tokens for the CLI and CI",
  usage: `Usage: tributary tokens create --user EMAIL [--name NAME] [--role ROLE]
       tributary tokens list [--user EMAIL]
       tributary tokens revoke ID

Works on the database directly: DATABASE_URL, or the one of the \`npm start\` running from this
checkout. Send a token as \`Authorization: Bearer <token>\`; commands that call the console
(\`tributary health --url\`) read it from TRIBUTARY_TOKEN.

  create   prints the new token as the last line (it is stored only as a hash); its role is at
           most the user's (default: the user's role)
  list     id, name, role, user, last use and whether revoked
  revoke   the token stops working at once`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { user: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
    });
    const [sub, ...rest] = positionals;
    if (sub === "create") {
      if (!values.user) throw new UsageError("tokens create needs --user EMAIL");
      if (values.role !== undefined && !isRole(values.role)) {
        throw new UsageError("--role must be admin, editor or viewer");
      }
      return withDatabase(async () => {
        const { findUserByEmail } = await import("@/lib/auth/users");
        const { createApiToken } = await import("@/lib/auth/api-tokens");
        const user = await findUserByEmail(values.user!);
        if (!user)
          throw new Error(`no user '${values.user}' (add one with \`tributary users add\`)`);
        const { token, summary } = await createApiToken({
          userId: user.id,
          name: values.name ?? "cli",
          role: values.role as never,
        });
        console.log(
          `created token ${summary.id} '${summary.name}' (${summary.role}) for ${summary.userEmail}`,
        );
        console.log(token);
        return 0;
      });
    }
    if (sub === "list") {
      return withDatabase(async () => {
        const { findUserByEmail } = await import("@/lib/auth/users");
        const { listApiTokens } = await import("@/lib/auth/api-tokens");
        const user = values.user ? await findUserByEmail(values.user) : undefined;
        if (values.user && !user) throw new Error(`no user '${values.user}'`);
        for (const t of await listApiTokens(user ? { userId: user.id } : {})) {
          console.log(
            [
              t.id,
              t.name,
              t.role,
              t.userEmail,
              t.prefix + "…",
              t.lastUsedAt ?? "never used",
              t.revoked ? "revoked" : "active",
            ].join("\t"),
          );
        }
        return 0;
      });
    }
    if (sub === "revoke") {
      if (rest.length !== 1) throw new UsageError("tokens revoke needs exactly one token ID");
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(rest[0])) {
        throw new UsageError(`'${rest[0]}' is not a token ID (see \`tributary tokens list\`)`);
      }
      return withDatabase(async () => {
        const { revokeApiToken } = await import("@/lib/auth/api-tokens");
        await revokeApiToken(rest[0]);
        console.log(`revoked ${rest[0]}`);
        return 0;
      });
    }
    throw new UsageError(
      sub ? `unknown subcommand '${sub}'` : "name a subcommand: create, list or revoke",
    );
  },
};
