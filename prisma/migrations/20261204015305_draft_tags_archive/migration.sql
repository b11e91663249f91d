-- AlterTable
ALTER TABLE "Draft" ADD COLUMN     "archivedAt" TIMESTAMPTZ(3),
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];
