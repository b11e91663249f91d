export default function EditorPage() {
  return (
    <section className="mx-auto max-w-5xl">
      <h1 className="mb-2 text-2xl font-semibold">SQL editor</h1>
      <p className="text-slate-600">
        Write a Flink SQL script with a Kafka sink table, see problems as you type, and deploy it.
      </p>
    </section>
  );
}
