export { CLIENT_CONFIG_KEYS, clientConfigKey, javaDefault, isSensitiveKey } from "./catalog";
export type {
  ClientConfigKey,
  ClientRole,
  ConfigType,
  ConfigValidator,
  Application,
} from "./catalog";
export { checkClientProperties, idempotenceEnabled } from "./check";
export type { CheckRole, ClientPropertyIssue, CheckOptions } from "./check";
export { toKafkaJsConfig } from "./kafkajs";
export type { KafkaJsConfig } from "./kafkajs";
export { redactProperties, REDACTED } from "./redact";
export { parseJaasConfig, mechanismsForLoginModule, redactJaasConfig } from "./jaas";
