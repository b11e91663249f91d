-- AlterTable
ALTER TABLE "KafkaCluster" ADD COLUMN     "fromEnvironment" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "isDefault" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "archivedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "TopicFilter" (
    "id" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TopicFilter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TopicFilter_clusterId_topic_name_key" ON "TopicFilter"("clusterId", "topic", "name");

-- AddForeignKey
ALTER TABLE "TopicFilter" ADD CONSTRAINT "TopicFilter_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "KafkaCluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
