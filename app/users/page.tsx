import { Forbidden } from "@/components/auth/forbidden";
import { UsersAdmin } from "@/components/auth/users-admin";
import { pageUser } from "@/lib/auth/page-session";

export const metadata = { title: "Users · Tributary" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const user = await pageUser();
  if (!user) return null; // proxy.ts sends anonymous visitors to /sign-in
  if (user.role !== "admin") return <Forbidden needs="admin" role={user.role} />;
  return (
    <section className="mx-auto max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <UsersAdmin selfId={user.id} />
    </section>
  );
}
