import { expect, test } from "@playwright/test";

// Every page in both themes, for review (saved under e2e-screenshots/, gitignored), with no
// errors in the browser console and a favicon that loads.
const PAGES = [
  { path: "/", name: "editor", ready: ".monaco-editor" },
  { path: "/jobs", name: "jobs", ready: "h1" },
  { path: "/topics", name: "topics", ready: "h1" },
  { path: "/clusters", name: "clusters", ready: "h1" },
  { path: "/health", name: "health", ready: "h1" },
  { path: "/diagnostics", name: "diagnostics", ready: "h1" },
];

for (const scheme of ["light", "dark"] as const) {
  test(`every page in the ${scheme} theme: one h1, a skip link, no console errors`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(`${page.url()}: ${m.text()}`));
    page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
    for (const p of PAGES) {
      await page.goto(p.path);
      await expect(page.locator(p.ready).first()).toBeVisible({ timeout: 30_000 });
      await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark).*$/);
      await expect(page.locator("h1")).toHaveCount(1);
      await expect(page.getByRole("link", { name: "Skip to main content" })).toHaveAttribute(
        "href",
        "#main",
      );
      await expect(page.getByRole("main")).toBeVisible();
      await page.waitForTimeout(500); // let fonts and late layout settle for the picture
      await page.screenshot({ path: `e2e-screenshots/${p.name}-${scheme}.png`, fullPage: true });
    }
    const favicon = await page.request.get("/favicon.ico");
    expect(favicon.status()).toBe(200);
    expect(errors).toEqual([]);
  });
}

test("the theme toggle overrides the system and is remembered; Monaco follows", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  const toggle = page.getByTestId("theme-toggle");
  await expect(toggle).toHaveText("Theme: system");
  await toggle.click(); // → light
  await toggle.click(); // → dark
  await expect(toggle).toHaveText("Theme: dark");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.locator(".monaco-editor.vs-dark")).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.locator(".monaco-editor.vs-dark")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("theme-toggle").click(); // → system (light here)
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await expect(page.locator(".monaco-editor.vs")).toBeVisible();
});
