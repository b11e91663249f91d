/**
 * The real servers integration and e2e tests run against. scripts/test.ts starts them once per
 * run (fresh data, free ports) and hands them to the test processes through these variables.
 */
export const TEST_SASL_USERS = [
  { username: "tributary-plain", password: "plain-secret-1" },
  { username: "tributary-scram", password: "scram-secret-1" },
] as const;

export interface TestInfrastructure {
  databaseUrl: string;
  bootstrapServers: string;
  /** A SASL_PLAINTEXT listener with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 for TEST_SASL_USERS. */
  saslBootstrapServers?: string;
}

export function testInfrastructure(): TestInfrastructure {
  const databaseUrl = process.env.DATABASE_URL;
  const bootstrapServers = process.env.KAFKA_BOOTSTRAP_SERVERS;
  if (!databaseUrl || !bootstrapServers) {
    throw new Error(
      "Integration tests need DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS; run them with `npm test` " +
        "(or `npm run test:integration`), which starts PostgreSQL and Kafka for them.",
    );
  }
  return {
    databaseUrl,
    bootstrapServers,
    saslBootstrapServers: process.env.TRIBUTARY_TEST_SASL_BOOTSTRAP_SERVERS || undefined,
  };
}
