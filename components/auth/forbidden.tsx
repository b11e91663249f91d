import type { Role } from "@/lib/auth/roles";

/** What a page shows a signed-in user whose role is too low for it. */
export function Forbidden({ needs, role }: { needs: Role; role: Role }) {
  return (
    <section
      role="alert"
      className="mx-auto max-w-xl rounded-lg border border-amber-300 dark:border-amber-800 bg-amber-50 dark:bg-amber-950 p-4"
    >
      <h1 className="text-lg font-semibold">Not allowed</h1>
      <p className="mt-1 text-sm">
        This page needs the <strong>{needs}</strong> role; you are signed in as a {role}. Ask an
        admin to change your role.
      </p>
    </section>
  );
}
