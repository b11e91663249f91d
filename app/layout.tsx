import type { Metadata } from "next";
import Link from "next/link";
import { UserMenu } from "@/components/auth/user-menu";
import { THEME_BOOT_SCRIPT } from "@/components/theme/theme";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import "./globals.css";

export const metadata: Metadata = {
  title: "Tributary",
  description: "Author, deploy and monitor Flink SQL jobs that write to Kafka",
};

const NAV = [
  { href: "/", label: "SQL editor" },
  { href: "/jobs", label: "Jobs" },
  { href: "/resources", label: "Resources" },
  { href: "/topics", label: "Topics" },
  { href: "/clusters", label: "Clusters" },
  { href: "/health", label: "Health" },
  { href: "/diagnostics", label: "Diagnostics" },
  { href: "/secrets", label: "Secrets" },
];

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-indigo-700 focus:px-3 focus:py-2 focus:text-white"
        >
          Skip to main content
        </a>
        <header className="flex items-center gap-6 border-b border-slate-200 bg-white px-6 py-3 dark:border-slate-800 dark:bg-slate-900">
          <Link
            href="/"
            className="text-lg font-semibold tracking-tight text-indigo-700 dark:text-indigo-300"
          >
            Tributary
          </Link>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            {NAV.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                className="text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
              >
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-4">
            <ThemeToggle />
            <UserMenu />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="p-6 outline-none">
          {children}
        </main>
      </body>
    </html>
  );
}
