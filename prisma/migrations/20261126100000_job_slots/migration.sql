-- DropIndex
DROP INDEX "JobAttempt_status_leaseExpiresAt_idx";

-- AlterTable
ALTER TABLE "JobAttempt" DROP COLUMN "leaseExpiresAt",
ALTER COLUMN "status" SET DEFAULT 'RUNNING';

-- AlterTable
ALTER TABLE "JobLog" ALTER COLUMN "id" SET DEFAULT nextval('"JobEvent_id_seq"'::regclass);
DROP SEQUENCE "JobLog_id_seq";

-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "checkpoint" JSONB,
ADD COLUMN     "parallelism" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "restartState" JSONB,
ADD COLUMN     "resumeFrom" JSONB;

-- CreateTable
CREATE TABLE "JobSlot" (
    "id" UUID NOT NULL,
    "attemptId" UUID NOT NULL,
    "instance" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "workerId" UUID,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "notBefore" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claims" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "error" JSONB,
    "resumePoint" JSONB,
    "lastMetrics" JSONB,

    CONSTRAINT "JobSlot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobSlot_status_leaseExpiresAt_idx" ON "JobSlot"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "JobSlot_workerId_idx" ON "JobSlot"("workerId");

-- CreateIndex
CREATE UNIQUE INDEX "JobSlot_attemptId_instance_key" ON "JobSlot"("attemptId", "instance");

-- AddForeignKey
ALTER TABLE "JobSlot" ADD CONSTRAINT "JobSlot_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "JobAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobSlot" ADD CONSTRAINT "JobSlot_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE SET NULL ON UPDATE CASCADE;
