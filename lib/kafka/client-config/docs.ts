/**
 * What each kafka-clients 3.4 configuration key does, in a sentence (after the Java client's
 * documentation), for completion and hover of `properties.*`. Pure data, browser-safe; a key
 * without an entry here still has its type, default and validator in catalog.ts.
 */
export const CLIENT_CONFIG_DOCS: Readonly<Record<string, string>> = {
  "bootstrap.servers":
    "host:port pairs used to make the first connection to the cluster; the client discovers the other brokers from them.",
  "client.dns.lookup": "How the client resolves broker host names to addresses.",
  "client.id": "An id sent with every request, for the broker's request logs and quotas.",
  "send.buffer.bytes": "TCP send buffer (SO_SNDBUF) size; -1 uses the operating system's default.",
  "receive.buffer.bytes":
    "TCP receive buffer (SO_RCVBUF) size; -1 uses the operating system's default.",
  "reconnect.backoff.ms": "Time to wait before reconnecting to a broker.",
  "reconnect.backoff.max.ms":
    "Upper bound of the exponentially growing wait before reconnecting to a broker.",
  "retry.backoff.ms": "Time to wait before retrying a failed request.",
  "metadata.max.age.ms":
    "Metadata is refreshed at least this often, to see new partitions and leaders.",
  "metrics.sample.window.ms": "Window of the samples from which client metrics are computed.",
  "metrics.num.samples": "Number of samples kept to compute client metrics.",
  "metrics.recording.level": "The highest recording level of client metrics.",
  "metric.reporters": "Classes to be notified of new client metrics.",
  "auto.include.jmx.reporter": "Whether the JMX metrics reporter is added automatically.",
  "request.timeout.ms":
    "How long the client waits for a broker's response before retrying or failing the request.",
  "socket.connection.setup.timeout.ms": "How long to wait for a connection to be established.",
  "socket.connection.setup.timeout.max.ms":
    "Upper bound of the exponentially growing connection set-up timeout.",
  "connections.max.idle.ms": "Idle connections are closed after this time.",
  "interceptor.classes": "Classes that intercept (and may change) records sent or received.",
  "security.protocol":
    "Protocol used to talk to brokers: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.",
  "security.providers": "Classes that provide security algorithms (Java security providers).",
  "ssl.protocol": "The TLS protocol used to create the SSL context.",
  "ssl.provider": "The security provider used for TLS connections.",
  "ssl.cipher.suites": "Cipher suites allowed in TLS handshakes.",
  "ssl.enabled.protocols": "TLS protocol versions enabled for connections.",
  "ssl.keystore.type": "Format of the key store file (JKS, PKCS12 or PEM).",
  "ssl.keystore.location": "Path of the key store holding the client's certificate and key.",
  "ssl.keystore.password": "Password of the key store file.",
  "ssl.key.password": "Password of the private key in the key store.",
  "ssl.keystore.key": "The client's private key in PEM form (with ssl.keystore.type=PEM).",
  "ssl.keystore.certificate.chain":
    "The client's certificate chain in PEM form (with ssl.keystore.type=PEM).",
  "ssl.truststore.certificates":
    "Trusted CA certificates in PEM form (with ssl.truststore.type=PEM).",
  "ssl.truststore.type": "Format of the trust store file (JKS, PKCS12 or PEM).",
  "ssl.truststore.location": "Path of the trust store holding the CA certificates to trust.",
  "ssl.truststore.password": "Password of the trust store file.",
  "ssl.keymanager.algorithm": "Algorithm of the key manager factory for TLS connections.",
  "ssl.trustmanager.algorithm": "Algorithm of the trust manager factory for TLS connections.",
  "ssl.endpoint.identification.algorithm":
    "How the broker's host name is checked against its certificate ('https'; empty turns the check off).",
  "ssl.secure.random.implementation": "The SecureRandom implementation for TLS.",
  "ssl.engine.factory.class": "A custom factory for TLS engines.",
  "sasl.kerberos.service.name": "The Kerberos principal name the brokers run as.",
  "sasl.kerberos.kinit.cmd": "The kinit command path for Kerberos.",
  "sasl.kerberos.ticket.renew.window.factor":
    "Fraction of a Kerberos ticket's lifetime after which it is renewed.",
  "sasl.kerberos.ticket.renew.jitter": "Random jitter added to the Kerberos renewal time.",
  "sasl.kerberos.min.time.before.relogin": "Minimum time between Kerberos login refreshes.",
  "sasl.login.refresh.window.factor":
    "Fraction of a login credential's lifetime after which it is refreshed (OAUTHBEARER).",
  "sasl.login.refresh.window.jitter": "Random jitter added to the login refresh time.",
  "sasl.login.refresh.min.period.seconds": "Minimum time between login refreshes.",
  "sasl.login.refresh.buffer.seconds":
    "Time before a credential expires at which a refresh is attempted.",
  "sasl.mechanism": "The SASL mechanism: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, GSSAPI, OAUTHBEARER.",
  "sasl.jaas.config":
    'The JAAS login module and its credentials, e.g. org.apache.flink.kafka.shaded.org.apache.kafka.common.security.plain.PlainLoginModule required username="…" password="…"; — keep the password in a secret: ${secret_values.name}.',
  "sasl.client.callback.handler.class": "A SASL client callback handler class.",
  "sasl.login.callback.handler.class": "A SASL login callback handler class.",
  "sasl.login.class": "A custom Login implementation class.",
  "sasl.login.connect.timeout.ms": "Connect timeout of the OAUTHBEARER token endpoint.",
  "sasl.login.read.timeout.ms": "Read timeout of the OAUTHBEARER token endpoint.",
  "sasl.login.retry.backoff.max.ms": "Maximum wait between token endpoint retries.",
  "sasl.login.retry.backoff.ms": "Initial wait between token endpoint retries.",
  "sasl.oauthbearer.scope.claim.name": "Name of the scope claim in OAUTHBEARER tokens.",
  "sasl.oauthbearer.sub.claim.name": "Name of the subject claim in OAUTHBEARER tokens.",
  "sasl.oauthbearer.token.endpoint.url": "URL of the OAuth token endpoint.",
  "sasl.oauthbearer.jwks.endpoint.url": "URL of the JWKS endpoint with the token signing keys.",
  "sasl.oauthbearer.jwks.endpoint.refresh.ms": "How often the JWKS keys are refreshed.",
  "sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms": "Maximum wait between JWKS retries.",
  "sasl.oauthbearer.jwks.endpoint.retry.backoff.ms": "Initial wait between JWKS retries.",
  "sasl.oauthbearer.clock.skew.seconds": "Clock difference tolerated when checking tokens.",
  "sasl.oauthbearer.expected.audience": "Audiences a token must be issued for.",
  "sasl.oauthbearer.expected.issuer": "The issuer a token must come from.",
  "buffer.memory": "Bytes the producer may hold in records waiting to be sent.",
  retries: "How often a failed send is retried (bounded by delivery.timeout.ms).",
  acks: "Acknowledgements the leader waits for before answering a produce request: 0, 1 or all (-1).",
  "compression.type": "Compression of record batches: none, gzip, snappy, lz4 or zstd.",
  "batch.size": "Upper bound of a record batch per partition, in bytes.",
  "partitioner.adaptive.partitioning.enable":
    "Whether the default partitioner sends more records to faster brokers.",
  "partitioner.availability.timeout.ms":
    "A broker that cannot take records for this long gets no new batches from the default partitioner.",
  "partitioner.ignore.keys":
    "Whether the default partitioner ignores keys (sticky for all records).",
  "linger.ms": "How long the producer waits for more records to fill a batch before sending it.",
  "delivery.timeout.ms":
    "Upper bound of the time from send() to success or failure, retries included.",
  "max.request.size": "Largest produce request in bytes (also caps a single record).",
  "max.block.ms": "How long send() and metadata look-ups may block.",
  "metadata.max.idle.ms": "Metadata of a topic not written to for this long is dropped.",
  "max.in.flight.requests.per.connection":
    "Unacknowledged requests per connection; at most 5 keeps ordering with idempotence.",
  "key.serializer": "Serializer class of record keys (Flink sets its own).",
  "value.serializer": "Serializer class of record values (Flink sets its own).",
  "partitioner.class": "The producer's partitioner class (Flink uses 'sink.partitioner').",
  "enable.idempotence":
    "Whether the producer writes each record exactly once per partition despite retries.",
  "transaction.timeout.ms":
    "How long the broker keeps a transaction open before aborting it; must cover the checkpoint interval for exactly-once.",
  "transactional.id":
    "The producer's transactional id (Flink derives it from 'sink.transactional-id-prefix').",
  "group.id":
    "The consumer group that receives the source's committed offsets (required for sources).",
  "group.instance.id": "A static group member id.",
  "session.timeout.ms": "A member without heartbeats for this long leaves the group.",
  "heartbeat.interval.ms": "How often a group member sends heartbeats.",
  "partition.assignment.strategy": "How a group assigns partitions to its members.",
  "enable.auto.commit": "Whether the consumer commits offsets on a timer.",
  "auto.commit.interval.ms": "Interval of automatic offset commits.",
  "client.rack": "The client's rack, to fetch from the closest replica.",
  "max.partition.fetch.bytes": "Most bytes a fetch returns per partition.",
  "fetch.min.bytes": "Fewest bytes the broker collects before answering a fetch.",
  "fetch.max.bytes": "Most bytes a fetch returns in total.",
  "fetch.max.wait.ms": "How long the broker waits for fetch.min.bytes before answering.",
  "auto.offset.reset":
    "Where to start when there is no committed offset or it is out of range: earliest, latest or none.",
  "check.crcs": "Whether the CRC of fetched records is checked.",
  "key.deserializer": "Deserializer class of record keys (Flink sets its own).",
  "value.deserializer": "Deserializer class of record values (Flink sets its own).",
  "default.api.timeout.ms": "Timeout of consumer calls that take no timeout argument.",
  "max.poll.records": "Most records one poll returns.",
  "max.poll.interval.ms": "Longest time between polls before a member is considered failed.",
  "exclude.internal.topics": "Whether internal topics are excluded from pattern subscriptions.",
  "internal.leave.group.on.close": "Whether the consumer leaves its group when closed.",
  "isolation.level":
    "read_committed reads only committed transactional records; read_uncommitted reads all.",
  "allow.auto.create.topics":
    "Whether subscribing to a missing topic may create it (if the broker allows).",
};
