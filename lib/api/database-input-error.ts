/**
 * Database errors that only input can cause (a number beyond the column's range, a value too long,
 * text PostgreSQL cannot store): a 400, never a 500. The wrapper's own bounds (lib/api/input.ts)
 * should catch these first; this is the net under them. Messages name the code, never the value.
 */
import { databaseErrorFacts } from "@/lib/logging/describe-error";

const INPUT_CODES: Record<string, string> = {
  // Prisma
  P2000: "a value is too long for its column",
  P2006: "a value is not valid for its field",
  P2007: "a value failed the database's validation",
  P2020: "a value is out of range for its column",
  P2023: "a value is not valid for its column",
  P2033: "a number does not fit in a 64-bit integer",
  // PostgreSQL SQLSTATE
  "22001": "a value is too long for its column",
  "22003": "a number is out of range for its column",
  "22021": "a text value holds a byte sequence PostgreSQL cannot store",
  "22P02": "a value has the wrong form for its column",
  "22P05": "a text value holds a character PostgreSQL cannot store",
  "54001": "the input is too complex for the database",
};

export function inputErrorOf(e: unknown): { status: number; message: string } | undefined {
  const facts = databaseErrorFacts(e);
  if (!facts) return undefined;
  if (facts.name === "PrismaClientValidationError")
    return { status: 400, message: "The request holds a value the database refuses." };
  const what = facts.code ? INPUT_CODES[facts.code] : undefined;
  if (!what) return undefined;
  return {
    status: 400,
    message: `The request holds a value the database refuses: ${what} (${facts.code}).`,
  };
}
