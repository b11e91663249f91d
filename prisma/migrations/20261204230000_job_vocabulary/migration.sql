-- One vocabulary (issue #10, item 3): the job a user deploys is the "Job" table (was
-- "Deployment"), its resources "JobResource" (was "DeploymentResource"), every "deploymentId" is
-- "jobId", and the unit a worker leases is the "JobInstance" (was "JobSlot"). Written by hand:
-- `migrate diff` would drop and re-create the tables, losing their rows; renames keep every row.
-- Index, key and foreign-key names follow, so that the database is what Prisma expects for
-- prisma/schema.prisma (<Table>_pkey, <Table>_<columns>_idx / _key / _fkey).

-- Deployment -> Job
ALTER TABLE "Deployment" RENAME TO "Job";
ALTER TABLE "Job" RENAME CONSTRAINT "Deployment_pkey" TO "Job_pkey";
ALTER TABLE "Job" RENAME CONSTRAINT "Deployment_draftId_fkey" TO "Job_draftId_fkey";
ALTER TABLE "Job" RENAME CONSTRAINT "Deployment_clusterId_fkey" TO "Job_clusterId_fkey";
ALTER TABLE "Job" RENAME CONSTRAINT "Deployment_ownerId_fkey" TO "Job_ownerId_fkey";
ALTER INDEX "Deployment_status_idx" RENAME TO "Job_status_idx";

-- DeploymentResource -> JobResource
ALTER TABLE "DeploymentResource" RENAME TO "JobResource";
ALTER TABLE "JobResource" RENAME COLUMN "deploymentId" TO "jobId";
ALTER TABLE "JobResource" RENAME CONSTRAINT "DeploymentResource_pkey" TO "JobResource_pkey";
ALTER TABLE "JobResource" RENAME CONSTRAINT "DeploymentResource_deploymentId_fkey" TO "JobResource_jobId_fkey";
ALTER TABLE "JobResource" RENAME CONSTRAINT "DeploymentResource_resourceId_fkey" TO "JobResource_resourceId_fkey";

-- JobRun.deploymentId -> jobId
ALTER TABLE "JobRun" RENAME COLUMN "deploymentId" TO "jobId";
ALTER TABLE "JobRun" RENAME CONSTRAINT "JobRun_deploymentId_fkey" TO "JobRun_jobId_fkey";
ALTER INDEX "JobRun_deploymentId_idx" RENAME TO "JobRun_jobId_idx";

-- JobSlot -> JobInstance (its columns keep their names: "instance" already is the subtask index)
ALTER TABLE "JobSlot" RENAME TO "JobInstance";
ALTER TABLE "JobInstance" RENAME CONSTRAINT "JobSlot_pkey" TO "JobInstance_pkey";
ALTER TABLE "JobInstance" RENAME CONSTRAINT "JobSlot_attemptId_fkey" TO "JobInstance_attemptId_fkey";
ALTER TABLE "JobInstance" RENAME CONSTRAINT "JobSlot_workerId_fkey" TO "JobInstance_workerId_fkey";
ALTER INDEX "JobSlot_status_leaseExpiresAt_idx" RENAME TO "JobInstance_status_leaseExpiresAt_idx";
ALTER INDEX "JobSlot_workerId_idx" RENAME TO "JobInstance_workerId_idx";
ALTER INDEX "JobSlot_attemptId_instance_key" RENAME TO "JobInstance_attemptId_instance_key";

-- JobEvent.deploymentId -> jobId; the instance events' type "slot" -> "instance"
ALTER TABLE "JobEvent" RENAME COLUMN "deploymentId" TO "jobId";
ALTER TABLE "JobEvent" RENAME CONSTRAINT "JobEvent_deploymentId_fkey" TO "JobEvent_jobId_fkey";
ALTER INDEX "JobEvent_deploymentId_id_idx" RENAME TO "JobEvent_jobId_id_idx";
UPDATE "JobEvent" SET "type" = 'instance' WHERE "type" = 'slot';

-- JobLog.deploymentId -> jobId
ALTER TABLE "JobLog" RENAME COLUMN "deploymentId" TO "jobId";
ALTER TABLE "JobLog" RENAME CONSTRAINT "JobLog_deploymentId_fkey" TO "JobLog_jobId_fkey";
ALTER INDEX "JobLog_deploymentId_id_idx" RENAME TO "JobLog_jobId_id_idx";
ALTER INDEX "JobLog_deploymentId_level_id_idx" RENAME TO "JobLog_jobId_level_id_idx";

-- MetricSample.deploymentId -> jobId
ALTER TABLE "MetricSample" RENAME COLUMN "deploymentId" TO "jobId";
ALTER TABLE "MetricSample" RENAME CONSTRAINT "MetricSample_deploymentId_fkey" TO "MetricSample_jobId_fkey";
ALTER INDEX "MetricSample_deploymentId_name_at_idx" RENAME TO "MetricSample_jobId_name_at_idx";

-- PostgreSQL 18 names NOT NULL constraints too (<Table>_<column>_not_null, e.g.
-- "Deployment_id_not_null"); renaming a table or column leaves those names behind. Give them the
-- names a fresh database gets. Older servers have no such constraints and nothing happens.
DO $$
DECLARE
  c record;
BEGIN
  FOR c IN
    SELECT con.conname, cls.relname, att.attname
      FROM pg_constraint con
      JOIN pg_class cls ON cls.oid = con.conrelid
      JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
     WHERE con.contype = 'n' AND con.connamespace = 'public'::regnamespace
       AND cls.relname IN ('Job', 'JobResource', 'JobRun', 'JobInstance', 'JobEvent', 'JobLog', 'MetricSample')
       AND con.conname <> cls.relname || '_' || att.attname || '_not_null'
  LOOP
    EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I',
      c.relname, c.conname, c.relname || '_' || c.attname || '_not_null');
  END LOOP;
END $$;
