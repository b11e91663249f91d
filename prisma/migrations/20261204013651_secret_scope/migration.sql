-- AlterTable
ALTER TABLE "Secret" ADD COLUMN     "bootstrapServers" TEXT[] DEFAULT ARRAY[]::TEXT[];
