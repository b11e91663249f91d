import { ResourceDetail } from "@/components/resources/resource-detail";

export const metadata = { title: "Resource · Tributary" };

export default async function ResourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <section className="mx-auto max-w-6xl">
      <ResourceDetail id={id} />
    </section>
  );
}
