-- DropForeignKey
ALTER TABLE "DeploymentResource" DROP CONSTRAINT "DeploymentResource_resourceId_fkey";

-- AlterTable
ALTER TABLE "Resource" DROP COLUMN "bytes",
ADD COLUMN     "fileName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "otherClassNames" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "ResourceChunk" (
    "resourceId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ResourceChunk_pkey" PRIMARY KEY ("resourceId","seq")
);

-- CreateTable
CREATE TABLE "DraftResource" (
    "draftId" UUID NOT NULL,
    "resourceId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DraftResource_pkey" PRIMARY KEY ("draftId","resourceId")
);

-- CreateIndex
CREATE INDEX "Resource_sha256_idx" ON "Resource"("sha256");

-- AddForeignKey
ALTER TABLE "ResourceChunk" ADD CONSTRAINT "ResourceChunk_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftResource" ADD CONSTRAINT "DraftResource_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftResource" ADD CONSTRAINT "DraftResource_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentResource" ADD CONSTRAINT "DeploymentResource_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
