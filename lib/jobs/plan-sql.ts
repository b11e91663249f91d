/**
 * The one place the job lifecycle asks the SQL front end for a plan: a job stores the plan
 * validateScript builds (as tagged JSON, lib/sql/plan.ts), and refuses a script with errors,
 * listing them with their positions.
 */
import { Invalid } from "@/lib/domain-errors";
import { planFromJson, planToJson, type Plan } from "@/lib/sql/plan";
import { validateScript, type ValidateOptions } from "@/lib/sql/validate";
import type { AttachedStoreFile } from "@/lib/connectors/factory";
import type { ScriptAst } from "@/lib/sql/ast";
import { sealPlanSecrets } from "@/lib/secrets/sealed-values";
import {
  chooseEngine,
  type Engine,
  type EngineChoice,
  type PartitionerKinds,
} from "@/lib/runtime/engine-choice";

export interface DeployPlan {
  /** The plan as stored on the job (JSON with bigint/DECIMAL/… tagged). */
  json: unknown;
  /** parallelism.default from the script's SET statements, when given. */
  parallelism?: number;
  /** The parsed script, for checks that need the database (secret scopes). */
  script?: ScriptAst;
  engine: Engine;
  engineReason: string;
}

/** The classes of the job's attached resources (lib/resources), which sink.partitioner may name. */
export interface AttachedClasses {
  partitionerClasses: string[];
  otherClasses: string[];
  /** Each partitioner's resource kind: which engines run it (lib/sql/engine-capabilities.ts). */
  partitionerKinds?: PartitionerKinds;
  /** The attached key and trust stores (`/flink/usrlib/<fileName>` in ssl.*store.location). */
  storeFiles?: AttachedStoreFile[];
}

/**
 * The validator's view of the attached resources: the classes sink.partitioner may name and the
 * stores ssl.*store.location may name. No attachments known: the validator accepts any class.
 * A deploy and the editor's preview validate alike.
 */
export function validationOfAttached(
  attached: Omit<AttachedClasses, "partitionerKinds"> | undefined,
): ValidateOptions {
  return attached
    ? {
        attachedPartitionerClasses: attached.partitionerClasses,
        attachedOtherClasses: attached.otherClasses,
        attachedStoreFiles: attached.storeFiles ?? [],
      }
    : {};
}

export function planForJob(
  sql: string,
  opts: { attached?: AttachedClasses; engine?: EngineChoice } = {},
): DeployPlan {
  const { attached, engine = "auto" } = opts;
  const result = validateScript(sql, validationOfAttached(attached));
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    throw new Invalid(
      `The script has ${errors.length} error${errors.length === 1 ? "" : "s"}; the first, at line ${errors[0].line}, column ${errors[0].column}: ${errors[0].message}`,
      errors.map((d) => ({ path: `sql:${d.line}:${d.column}`, message: d.message })),
    );
  }
  const plan = result.plan;
  if (!plan || plan.jobs.length === 0) {
    throw new Invalid("The script has no INSERT INTO statement, so there is no job to deploy.");
  }
  const decision = chooseEngine(plan, engine, attached?.partitionerKinds);
  if (!decision.ok)
    throw new Invalid(decision.reason, [{ path: "engine", message: decision.reason }]);
  return {
    // Literal passwords are sealed: the stored plan never holds them in the clear.
    json: sealPlanSecrets(JSON.parse(planToJson(plan))),
    parallelism: plan.jobs[0].settings.parallelism,
    script: result.script,
    engine: decision.engine,
    engineReason: decision.reason,
  };
}

/** The plan a worker hands to the runtime, revived from the stored JSON. */
export function planOfJob(json: unknown): Plan {
  return planFromJson(JSON.stringify(json));
}
