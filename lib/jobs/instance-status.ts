/** The states of one parallel instance (JobInstance) of an attempt. Browser-safe. */
export const INSTANCE_STATUSES = [
  "PENDING",
  "CLAIMED",
  "RUNNING",
  "FINISHED",
  "FAILED",
  "CANCELLED",
  "STOPPED",
  "LOST",
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/** Held by a worker: CLAIMED (its runtime is starting) or RUNNING. */
export const HELD_INSTANCE_STATUSES: readonly InstanceStatus[] = ["CLAIMED", "RUNNING"];

export function isHeld(
  instance: { status: string; leaseExpiresAt: Date | null },
  now: Date,
): boolean {
  return (
    (HELD_INSTANCE_STATUSES as readonly string[]).includes(instance.status) &&
    instance.leaseExpiresAt !== null &&
    instance.leaseExpiresAt.getTime() > now.getTime()
  );
}
