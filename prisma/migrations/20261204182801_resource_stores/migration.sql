-- AlterEnum
ALTER TYPE "ResourceKind" ADD VALUE 'STORE';

-- AlterTable
ALTER TABLE "Resource" ADD COLUMN     "storeType" TEXT;
