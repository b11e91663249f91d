import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/config";

/**
 * The one Prisma client of this process. Kept on globalThis so that Next.js hot reload reuses it
 * instead of leaking a connection pool per reload.
 */
const globalForPrisma = globalThis as unknown as { tributaryPrisma?: PrismaClient };

export function prisma(): PrismaClient {
  globalForPrisma.tributaryPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl(), max: 10 }),
  });
  return globalForPrisma.tributaryPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  const client = globalForPrisma.tributaryPrisma;
  globalForPrisma.tributaryPrisma = undefined;
  await client?.$disconnect();
}
