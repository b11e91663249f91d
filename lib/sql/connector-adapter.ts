/**
 * The one place where the SQL front end calls the connector validator (lib/connectors): keeps the
 * dependency narrow so the planner only sees diagnostics, the resolved table and its changelog mode.
 */
import type { Diagnostic } from "@/lib/sql/diagnostic";
import type { TableDefinition, TableRole } from "@/lib/connectors/table";
import type { ResolvedTable } from "@/lib/connectors/resolved";
import { validateTable } from "@/lib/connectors/validate";
import type { AttachedStoreFile } from "@/lib/connectors/factory";
import type { ChangelogMode } from "@/lib/types/logical-type";

export type { ResolvedTable };

export interface ConnectorCheckContext {
  /** Class names of custom partitioners attached to the job (resources). */
  attachedPartitionerClasses?: string[];
  /** No statement uses the table: it is checked for the role of its likely first use. */
  firstUse?: boolean;
  attachedOtherClasses?: string[];
  /** The attached key and trust stores (`/flink/usrlib/<fileName>`). */
  attachedStoreFiles?: readonly AttachedStoreFile[];
}

export function checkConnector(
  table: TableDefinition,
  role: TableRole,
  ctx: ConnectorCheckContext,
): { diagnostics: Diagnostic[]; resolved?: ResolvedTable } {
  return validateTable(table, role, {
    attachedPartitionerClasses: ctx.attachedPartitionerClasses,
    firstUse: ctx.firstUse,
    attachedOtherClasses: ctx.attachedOtherClasses,
    attachedStoreFiles: ctx.attachedStoreFiles,
  });
}

export function resolvedChangelogMode(
  resolved: ResolvedTable | undefined,
): ChangelogMode | undefined {
  return resolved?.changelogMode;
}
