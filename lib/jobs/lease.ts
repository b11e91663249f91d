/**
 * Lease timing. A worker renews the leases of the instances it runs every tick; an instance whose
 * lease is older than LEASE_MS belongs to a worker that died (SIGKILL, lost machine) and any
 * worker may take it over: worst case LEASE_MS + one tick after the last renewal, well within
 * the 15 s the console promises.
 */
export const LEASE_MS = 8_000;
export const WORKER_TICK_MS = 500;
/** A pending instance nobody took within this time goes to any worker, beyond its fair share. */
export const STALE_PENDING_MS = 3_000;
