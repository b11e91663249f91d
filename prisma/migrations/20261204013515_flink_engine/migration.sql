-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "engine" TEXT NOT NULL DEFAULT 'embedded',
ADD COLUMN     "engineReason" TEXT;

-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "flinkJobId" TEXT,
ADD COLUMN     "flinkSessionHandle" TEXT;
