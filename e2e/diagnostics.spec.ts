import net from "node:net";
import { expect, test } from "@playwright/test";

const bootstrap = process.env.KAFKA_BOOTSTRAP_SERVERS ?? "";
const saslBootstrap = process.env.TRIBUTARY_TEST_SASL_BOOTSTRAP_SERVERS ?? "";

/** A port nothing listens on (the OS just handed it out and it was closed again). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

test("the diagnostics page checks the console's cluster and finds it healthy", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Diagnostics" }).click();
  await expect(page).toHaveURL(/\/diagnostics$/);
  await expect(page.getByLabel("Bootstrap servers")).toHaveValue(bootstrap);
  await page.getByRole("button", { name: "Diagnose" }).click();

  const explanation = page.getByTestId("diagnosis-explanation");
  await expect(explanation).toHaveAttribute("data-verdict", "ok");
  await expect(page.getByTestId("diagnosis-summary")).toContainText(
    `Bootstrap at ${bootstrap} worked.`,
  );
  const bootstrapCard = page.getByTestId("endpoint-bootstrap");
  await expect(bootstrapCard).toHaveAttribute("data-ok", "true");
  for (const step of ["dns", "tcp", "kafka", "metadata"]) {
    await expect(bootstrapCard.getByTestId(`step-${step}`)).toHaveAttribute("data-status", "ok");
  }
  await expect(page.getByTestId("endpoint-advertised").first()).toContainText(
    "Broker 1, advertised as",
  );
});

test("a wrong SASL password is explained and never shown", async ({ page }) => {
  test.skip(saslBootstrap === "", "the test broker has no SASL listener");
  const password = "e2e-Wrong-Pa55";
  await page.goto("/diagnostics");
  await page.getByLabel("Bootstrap servers").fill(saslBootstrap);
  await page.getByLabel("security.protocol").selectOption("SASL_PLAINTEXT");
  await page.getByLabel("sasl.mechanism").selectOption("SCRAM-SHA-256");
  await page.getByLabel("SASL user name").fill("tributary-scram");
  await page.getByLabel("SASL password").fill(password);
  await page.getByRole("button", { name: "Diagnose" }).click();

  await expect(page.getByTestId("diagnosis-explanation")).toHaveAttribute(
    "data-verdict",
    "sasl-authentication-failed",
  );
  await expect(page.getByTestId("diagnosis-summary")).toContainText(
    "rejected the SASL SCRAM-SHA-256 credentials of user 'tributary-scram'",
  );
  await expect(page.getByTestId("endpoint-bootstrap").getByTestId("step-kafka")).toHaveAttribute(
    "data-status",
    "failed",
  );
  expect(await page.locator("body").innerText()).not.toContain(password);
});

test("a SASL client against the PLAINTEXT listener is told the protocols do not match", async ({
  page,
}) => {
  await page.goto("/diagnostics");
  await page.getByLabel("security.protocol").selectOption("SASL_PLAINTEXT");
  await page.getByLabel("SASL user name").fill("tributary-plain");
  await page.getByLabel("SASL password").fill("plain-secret-1");
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByTestId("diagnosis-explanation")).toHaveAttribute(
    "data-verdict",
    "security-protocol-mismatch",
  );
  await expect(page.getByTestId("diagnosis-fix")).toContainText(
    "Set security.protocol to PLAINTEXT",
  );
});

test("a link with ?bootstrap= runs at once and explains a port where nothing listens", async ({
  page,
}) => {
  const port = await closedPort();
  await page.goto(`/diagnostics?bootstrap=${encodeURIComponent(`127.0.0.1:${port}`)}`);
  await expect(page.getByTestId("diagnosis-explanation")).toHaveAttribute(
    "data-verdict",
    "bootstrap-unreachable",
  );
  await expect(page.getByTestId("diagnosis-summary")).toContainText(
    `127.0.0.1:${port} refuses connections`,
  );
  await expect(page.getByTestId("endpoint-bootstrap").getByTestId("step-tcp")).toHaveAttribute(
    "data-status",
    "failed",
  );
});

test("an address that is not host:port is refused before anything is sent", async ({ page }) => {
  await page.goto("/diagnostics");
  await page.getByLabel("Bootstrap servers").fill("kafka-without-port");
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByTestId("diagnostics-error")).toContainText(
    "Invalid url in bootstrap.servers: kafka-without-port",
  );
});

test("POST /api/diagnostics/kafka answers the report", async ({ request }) => {
  const res = await request.post("/api/diagnostics/kafka", {
    data: { bootstrapServers: bootstrap },
  });
  expect(res.status()).toBe(200);
  const report = await res.json();
  expect(report.ok).toBe(true);
  expect(report.cluster.brokers.length).toBeGreaterThan(0);
});
