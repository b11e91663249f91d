import { describe, expect, it } from "vitest";
import {
  DESIRED_STATES,
  JOB_STATUSES,
  type DesiredState,
  type JobStatus,
  IllegalTransitionError,
  isTerminal,
  transition,
  transitionDesired,
} from "./job-status";

// Every legal edge, written out once more by hand so that a change to the table is deliberate.
const LEGAL: Array<[JobStatus, JobStatus]> = [
  ["CREATED", "STARTING"],
  ["CREATED", "CANCELLING"],
  ["CREATED", "CANCELLED"],
  ["CREATED", "FAILED"],
  ["CREATED", "FINISHED"],
  ["CREATED", "STOPPED"],
  ["STARTING", "RUNNING"],
  ["STARTING", "RESTARTING"],
  ["STARTING", "FAILED"],
  ["STARTING", "CANCELLING"],
  ["STARTING", "FINISHED"],
  ["STARTING", "STOPPED"],
  ["RUNNING", "FINISHED"],
  ["RUNNING", "STOPPED"],
  ["RUNNING", "FAILED"],
  ["RUNNING", "RESTARTING"],
  ["RUNNING", "CANCELLING"],
  ["RESTARTING", "STARTING"],
  ["RESTARTING", "FAILED"],
  ["RESTARTING", "CANCELLING"],
  ["RESTARTING", "CANCELLED"],
  ["RESTARTING", "FINISHED"],
  ["RESTARTING", "STOPPED"],
  ["CANCELLING", "CANCELLED"],
  ["FINISHED", "CREATED"],
  ["STOPPED", "CREATED"],
  ["FAILED", "CREATED"],
  ["CANCELLED", "CREATED"],
];

describe("job status transitions", () => {
  const legal = new Set(LEGAL.map(([a, b]) => `${a}->${b}`));
  for (const from of JOB_STATUSES) {
    for (const to of JOB_STATUSES) {
      const isLegal = legal.has(`${from}->${to}`);
      it(`${from} -> ${to} is ${isLegal ? "allowed" : "refused"}`, () => {
        if (isLegal) expect(transition(from, to)).toBe(to);
        else expect(() => transition(from, to)).toThrow(IllegalTransitionError);
      });
    }
  }

  it("names the culprit and the way out", () => {
    expect(() => transition("CANCELLING", "RUNNING")).toThrow(
      "A job cannot go from status CANCELLING to RUNNING; from CANCELLING it can go to CANCELLED.",
    );
    expect(() => transition("PAUSED", "RUNNING")).toThrow(
      "A job cannot go from status PAUSED to RUNNING; from PAUSED it can go to nothing.",
    );
  });

  it("has exactly three terminal states, each left only by a redeploy", () => {
    expect(JOB_STATUSES.filter(isTerminal)).toEqual(["FINISHED", "STOPPED", "FAILED", "CANCELLED"]);
  });
});

describe("desired state transitions", () => {
  const LEGAL_DESIRED: Array<[DesiredState, DesiredState]> = [
    ["RUNNING", "CANCELLED"],
    ["RUNNING", "STOPPED"],
    ["STOPPED", "CANCELLED"],
    ["STOPPED", "RUNNING"],
    ["CANCELLED", "RUNNING"],
  ];
  const legal = new Set(LEGAL_DESIRED.map(([a, b]) => `${a}->${b}`));
  for (const from of DESIRED_STATES) {
    for (const to of DESIRED_STATES) {
      const isLegal = legal.has(`${from}->${to}`);
      it(`${from} -> ${to} is ${isLegal ? "allowed" : "refused"}`, () => {
        if (isLegal) expect(transitionDesired(from, to)).toBe(to);
        else expect(() => transitionDesired(from, to)).toThrow(IllegalTransitionError);
      });
    }
  }
});
