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

/**
 * What the page paints, read back from the browser: panels (large boxes) whose own background is
 * light, and text whose contrast with the background behind it is below WCAG AA (4.5:1, 3:1 for
 * large text). Colours go through a canvas, so any CSS colour syntax (Tailwind 4's oklch) compares.
 */
function paintProblems(theme: "light" | "dark") {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
  const rgba = (css: string): [number, number, number, number] => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0,0,0,0)";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]: number[]) =>
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const backdrop = (el: Element | null): number[] => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0.5) return c;
    }
    return rgba(getComputedStyle(document.body).backgroundColor);
  };
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "")
      .split(" ")
      .slice(0, 6)
      .join(".")} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
  const problems: string[] = [];
  for (const el of document.querySelectorAll("body *")) {
    // Monaco paints itself (its theme is checked on its own); closed dialogs are not shown.
    if (el.closest(".monaco-editor, dialog:not([open]), .sr-only, svg, canvas")) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === "hidden" || box.width === 0 || box.height === 0) continue;
    const bg = rgba(style.backgroundColor);
    if (theme === "dark" && bg[3] > 0.5 && box.width * box.height > 2000 && luminance(bg) > 0.3)
      problems.push(`light panel ${style.backgroundColor}: ${describe(el)}`);
    const ownText = [...el.childNodes].some(
      (n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim(),
    );
    if (!ownText || (el as HTMLButtonElement).disabled || el.closest("[disabled], option"))
      continue;
    // Decorative marks (aria-hidden, e.g. a warning's ▲ beside its text) are graphics: 3:1.
    const graphic = !!el.closest("[aria-hidden=true]");
    const fg = rgba(style.color);
    const [l1, l2] = [luminance(fg), luminance(backdrop(el))].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large || graphic ? 3 : 4.5))
      problems.push(
        `contrast ${ratio.toFixed(2)} (${style.color} on ${backdrop(el)}): ${describe(el)}`,
      );
  }
  return problems;
}

test("no page leaves a light panel in the dark theme, text keeps AA contrast in both, and Monaco follows", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const topic = `theme-${Date.now()}`;
  expect(
    (await page.request.post("/api/topics", { data: { name: topic, partitions: 1 } })).status(),
  ).toBe(201);
  const job = await page.request.post("/api/jobs", {
    data: {
      name: topic,
      sql: `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '5');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;`,
    },
  });
  expect(job.status()).toBe(201);
  const { id } = (await job.json()) as { id: string };
  const pages = [
    ...PAGES,
    { path: "/resources", name: "resources", ready: "h1" },
    { path: "/secrets", name: "secrets", ready: "h1" },
    { path: "/tokens", name: "tokens", ready: "h1" },
    { path: "/users", name: "users", ready: "h1" },
    { path: `/jobs/${id}`, name: "job", ready: "[data-testid=job-status]" },
    { path: `/topics/${topic}`, name: "topic", ready: "h1" },
  ];
  const found: string[] = [];
  for (const scheme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const p of pages) {
      await page.goto(p.path);
      await expect(page.locator(p.ready).first()).toBeVisible({ timeout: 30_000 });
      if (p.name === "editor")
        await expect(
          page.locator(`.monaco-editor.${scheme === "dark" ? "vs-dark" : "vs"}`),
        ).toBeVisible();
      await page.waitForTimeout(300); // late-arriving data (lists, status) paints too
      found.push(
        ...(await page.evaluate(paintProblems, scheme)).map((m) => `${scheme} ${p.path}: ${m}`),
      );
    }
  }
  expect(found).toEqual([]);
});
