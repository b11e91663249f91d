import { DeployForm } from "@/components/jobs/deploy-form";
import { JobList } from "@/components/jobs/job-list";

export const metadata = { title: "Jobs · Tributary" };

export default function JobsPage() {
  return (
    <section className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Jobs</h1>
      <JobList />
      <DeployForm />
    </section>
  );
}
