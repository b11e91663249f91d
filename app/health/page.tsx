import { HealthPanel } from "@/components/health/health-panel";

export const metadata = { title: "Health · Tributary" };

export default function HealthPage() {
  return (
    <section className="mx-auto max-w-4xl">
      <h1 className="mb-4 text-2xl font-semibold">Health</h1>
      <HealthPanel />
    </section>
  );
}
