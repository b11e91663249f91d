import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: "Tributary",
  description: "Author, deploy and monitor Flink SQL jobs that write to Kafka",
};

const NAV = [
  { href: "/", label: "SQL editor" },
  { href: "/jobs", label: "Jobs" },
  { href: "/topics", label: "Topics" },
  { href: "/clusters", label: "Clusters" },
  { href: "/health", label: "Health" },
  { href: "/diagnostics", label: "Diagnostics" },
];

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <header className="flex items-center gap-6 border-b border-slate-200 bg-white px-6 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight text-indigo-700">
            Tributary
          </Link>
          <nav className="flex gap-4 text-sm">
            {NAV.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                className="text-slate-600 hover:text-slate-900"
              >
                {item.label}
              </Link>
            ))}
          </nav>
        </header>
        <main className="p-6">{children}</main>
      </body>
    </html>
  );
}
