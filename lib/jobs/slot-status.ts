/** The states of one parallel instance (JobSlot) of an attempt. Browser-safe. */
export const SLOT_STATUSES = [
  "PENDING",
  "CLAIMED",
  "RUNNING",
  "FINISHED",
  "FAILED",
  "CANCELLED",
  "STOPPED",
  "LOST",
] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

/** Held by a worker: CLAIMED (its runtime is starting) or RUNNING. */
export const HELD_SLOT_STATUSES: readonly SlotStatus[] = ["CLAIMED", "RUNNING"];

export function isHeld(slot: { status: string; leaseExpiresAt: Date | null }, now: Date): boolean {
  return (
    (HELD_SLOT_STATUSES as readonly string[]).includes(slot.status) &&
    slot.leaseExpiresAt !== null &&
    slot.leaseExpiresAt.getTime() > now.getTime()
  );
}
