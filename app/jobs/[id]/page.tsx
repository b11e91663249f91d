import { JobDetail } from "@/components/jobs/job-detail";

export const metadata = { title: "Job · Tributary" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <section className="mx-auto max-w-6xl">
      <JobDetail id={id} />
    </section>
  );
}
