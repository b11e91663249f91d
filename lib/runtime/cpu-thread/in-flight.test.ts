import { describe, expect, it } from "vitest";
import { BatchesInFlight } from "./in-flight";

describe("batches in flight to a CPU thread", () => {
  it("waits for room beyond the batch bound and lets waiters in, in order, as batches leave", async () => {
    const flight = new BatchesInFlight(2, 1_000);
    expect(flight.acquire(10)).toBeUndefined();
    expect(flight.acquire(10)).toBeUndefined();
    const order: string[] = [];
    const third = flight.acquire(10)?.then(() => order.push("third"));
    const fourth = flight.acquire(10)?.then(() => order.push("fourth"));
    expect(third).toBeInstanceOf(Promise);
    expect(fourth).toBeInstanceOf(Promise);
    expect(flight.size).toEqual({ batches: 2, bytes: 20 });
    flight.release(10);
    await third;
    expect(order).toEqual(["third"]);
    flight.release(10);
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
    expect(flight.size).toEqual({ batches: 2, bytes: 20 });
  });

  it("bounds the bytes in flight, but lets a batch larger than the bound go alone", async () => {
    const flight = new BatchesInFlight(10, 100);
    expect(flight.acquire(60)).toBeUndefined();
    const waiting = flight.acquire(60);
    expect(waiting).toBeInstanceOf(Promise);
    flight.release(60);
    await waiting;
    flight.release(60);
    expect(flight.acquire(500)).toBeUndefined();
    expect(flight.acquire(1)).toBeInstanceOf(Promise);
  });

  it("lets everyone through once opened (the source stops)", async () => {
    const flight = new BatchesInFlight(1, 100);
    flight.acquire(1);
    const waiting = flight.acquire(1);
    flight.open();
    await waiting;
    expect(flight.acquire(1)).toBeUndefined();
  });
});
