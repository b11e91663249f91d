/**
 * The Kafka connections one job opens while it sets up its sources and sinks: secrets resolved
 * for each table's own brokers, one client per table, all closed when the job ends.
 */
import { JobConfigurationError, type SecretScrubber } from "./failure";
import type { JobRuntimeContext, LogLevel } from "./job-runtime";
import {
  connectKafka,
  resolveProperties,
  type KafkaConnection,
  type KafkaTable,
  withStoreCopies,
} from "./kafka-setup";

export class JobConnections {
  private readonly open: KafkaConnection[] = [];
  /** The first table's brokers, named in a failure's "diagnose the cluster" hint. */
  bootstrapServers: string | undefined;

  constructor(
    private readonly ctx: JobRuntimeContext,
    private readonly scrubber: SecretScrubber,
    private readonly log: (level: LogLevel, message: string) => void,
    /** True once the job ended: a start that still connects gives up. */
    private readonly ended: () => boolean,
  ) {}

  async connect(table: KafkaTable, role: "producer" | "consumer", name: string) {
    if (this.ended()) throw new JobConfigurationError("The job was cancelled while it started.");
    const properties = await withStoreCopies(
      await resolveProperties(
        table.properties,
        table.bootstrapServers,
        this.ctx.resolveSecret,
        this.scrubber,
      ),
      this.ctx.resolveStoreFile,
    );
    this.bootstrapServers ??= table.bootstrapServers;
    const connection = await connectKafka(
      properties,
      role,
      `tributary-${this.ctx.jobId}-${name}`,
      this.log,
    );
    this.open.push(connection);
    return { properties, ...connection };
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.map((c) => c.admin.close()));
  }

  /** After an abandoned start: whatever is still open, closed without caring how. */
  async closeQuietly(): Promise<void> {
    await Promise.all(this.open.map((c) => c.admin.close().catch(() => undefined)));
  }
}

/** What a connector's source or sink setup may use of the job being set up. */
export interface SetupEnv {
  ctx: JobRuntimeContext;
  connections: JobConnections;
  log(level: LogLevel, message: string, instance?: number): void;
  /** The INSERT being set up: what its sources keep as their own state (see kafkaSourceSetup). */
  insert?: InsertState;
}

export interface InsertState {
  /** Its key in ResumePoint.byInsert (insertStateKey). */
  insertKey: string;
  /** Set for an exactly-once INSERT, whose transactions commit its sources' offsets. */
  transactionalIdPrefix?: string;
  /** Consumer groups by how many INSERTs of the job read with them. */
  groupReaders: ReadonlyMap<string, number>;
}
