package dev.tributary.host;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.connector.kafka.sink.KafkaPartitioner;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * Tributary's JVM partitioner host: runs the KafkaPartitioner classes of uploaded JARs for one
 * parallel sink instance. Requests and answers are length-prefixed frames on stdin/stdout (see
 * lib/resources/jvm-host/host-protocol.ts); stdout carries nothing else, diagnostics go to stderr.
 *
 * The user's JAR gets its own class loader whose parent holds the Flink API, as Flink's user-code
 * class loader resolves org.apache.flink classes from Flink itself. The row reaches partition() as
 * the GenericRowData Flink's Kafka sink hands its partitioner, every value — nested ones too — in
 * Flink's internal representation (StringData, DecimalData, TimestampData, GenericArrayData,
 * GenericMapData, a MULTISET as a GenericMapData of element to Integer count, GenericRowData).
 */
public final class PartitionerHost {
  private static final byte OP_LOAD = 1;
  private static final byte OP_OPEN = 2;
  private static final byte OP_PARTITION = 3;

  private static final byte OK = 0;
  private static final byte FAILED = 1;
  private static final byte NOT_FOUND = 2;
  private static final byte NOT_A_PARTITIONER = 3;

  /** Column kinds as the Node side numbers them (host-protocol.ts KIND). */
  private static final int K_BOOLEAN = 1, K_TINYINT = 2, K_SMALLINT = 3, K_INT = 4, K_BIGINT = 5,
      K_FLOAT = 6, K_DOUBLE = 7, K_STRING = 8, K_BYTES = 9, K_DECIMAL = 10, K_TIMESTAMP = 11,
      K_UNSUPPORTED = 12, K_ARRAY = 13, K_MAP = 14, K_MULTISET = 15, K_ROW = 16;

  /** A column's type: its kind, DECIMAL's precision and scale, nested types' children. */
  private static final class Type {
    final int kind;
    final int precision;
    final int scale;
    final Type[] children;

    Type(int kind, int precision, int scale, Type[] children) {
      this.kind = kind;
      this.precision = precision;
      this.scale = scale;
      this.children = children;
    }
  }

  private KafkaPartitioner<RowData> partitioner;
  private Type[] columns = new Type[0];
  private final Map<String, int[]> partitionsByTopic = new HashMap<>();

  public static void main(String[] args) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(System.out, 1 << 16));
    PartitionerHost host = new PartitionerHost();
    while (true) {
      int length;
      try {
        length = in.readInt();
      } catch (EOFException e) {
        return; // Node closed the pipe: the sink instance is gone.
      }
      byte[] frame = new byte[length];
      in.readFully(frame);
      ByteArrayOutputStream answer = new ByteArrayOutputStream(4096);
      host.handle(new DataInputStream(new ByteArrayInputStream(frame)), new DataOutputStream(answer));
      out.writeInt(answer.size());
      answer.writeTo(out);
      out.flush();
    }
  }

  private void handle(DataInputStream in, DataOutputStream out) throws IOException {
    byte op = in.readByte();
    switch (op) {
      case OP_LOAD:
        load(in, out);
        break;
      case OP_OPEN:
        try {
          partitioner.open(in.readInt(), in.readInt());
          out.writeByte(OK);
        } catch (Throwable t) {
          out.writeByte(FAILED);
          writeString(out, "open(...) threw " + describe(t));
        }
        break;
      case OP_PARTITION:
        partition(in, out);
        break;
      default:
        out.writeByte(FAILED);
        writeString(out, "unknown request " + op);
    }
  }

  @SuppressWarnings("unchecked")
  private void load(DataInputStream in, DataOutputStream out) throws IOException {
    String jar = readString(in);
    String className = readString(in);
    columns = new Type[in.readInt()];
    for (int c = 0; c < columns.length; c++) columns[c] = readType(in);
    Class<?> cls;
    try {
      URLClassLoader loader =
          new URLClassLoader(new URL[] {new File(jar).toURI().toURL()}, PartitionerHost.class.getClassLoader());
      cls = Class.forName(className, true, loader);
    } catch (Throwable t) {
      out.writeByte(NOT_FOUND);
      writeString(out, describe(t));
      return;
    }
    if (!KafkaPartitioner.class.isAssignableFrom(cls)) {
      out.writeByte(NOT_A_PARTITIONER);
      writeString(out, cls.getName());
      return;
    }
    try {
      partitioner = (KafkaPartitioner<RowData>) cls.getDeclaredConstructor().newInstance();
      out.writeByte(OK);
    } catch (Throwable t) {
      out.writeByte(NOT_FOUND);
      writeString(out, "cannot instantiate " + className + ": " + describe(t));
    }
  }

  private void partition(DataInputStream in, DataOutputStream out) throws IOException {
    int topicCount = in.readShort();
    String[] topics = new String[topicCount];
    int[][] partitions = new int[topicCount][];
    for (int t = 0; t < topicCount; t++) {
      topics[t] = readString(in);
      int n = in.readInt();
      int[] known = partitionsByTopic.get(topics[t]);
      if (known == null || known.length != n) known = new int[n];
      for (int p = 0; p < n; p++) known[p] = in.readInt();
      partitionsByTopic.put(topics[t], known);
      partitions[t] = known;
    }
    int n = in.readInt();
    int[] chosen = new int[n];
    for (int i = 0; i < n; i++) {
      int topic = in.readShort();
      byte[] key = readBytes(in);
      byte[] value = readBytes(in);
      RowData row = readRow(in);
      try {
        chosen[i] = partitioner.partition(row, key, value, topics[topic], partitions[topic]);
      } catch (Throwable t) {
        out.writeByte(FAILED);
        out.writeInt(i);
        writeString(out, "partition(...) threw " + describe(t));
        return;
      }
    }
    out.writeByte(OK);
    for (int c : chosen) out.writeInt(c);
  }

  private static Type readType(DataInputStream in) throws IOException {
    int kind = in.readByte();
    int precision = in.readInt();
    int scale = in.readInt();
    int children;
    switch (kind) {
      case K_ARRAY:
      case K_MULTISET:
        children = 1;
        break;
      case K_MAP:
        children = 2;
        break;
      case K_ROW:
        children = in.readInt();
        break;
      default:
        children = 0;
    }
    Type[] nested = new Type[children];
    for (int i = 0; i < children; i++) nested[i] = readType(in);
    return new Type(kind, precision, scale, nested);
  }

  private RowData readRow(DataInputStream in) throws IOException {
    return readFields(in, columns);
  }

  private static GenericRowData readFields(DataInputStream in, Type[] fields) throws IOException {
    GenericRowData row = new GenericRowData(fields.length);
    for (int c = 0; c < fields.length; c++) row.setField(c, readValue(in, fields[c]));
    return row;
  }

  private static Object readValue(DataInputStream in, Type type) throws IOException {
    if (in.readByte() == 0) return null;
    switch (type.kind) {
      case K_BOOLEAN:
        return in.readByte() != 0;
      case K_TINYINT:
        return in.readByte();
      case K_SMALLINT:
        return in.readShort();
      case K_INT:
        return in.readInt();
      case K_BIGINT:
        return in.readLong();
      case K_FLOAT:
        return in.readFloat();
      case K_DOUBLE:
        return in.readDouble();
      case K_STRING:
        return StringData.fromBytes(readBytes(in));
      case K_BYTES:
        return readBytes(in);
      case K_DECIMAL:
        BigDecimal d = new BigDecimal(new BigInteger(readString(in)), type.scale);
        return DecimalData.fromBigDecimal(d, type.precision, type.scale);
      case K_TIMESTAMP:
        return TimestampData.fromEpochMillis(in.readLong(), in.readInt());
      case K_ARRAY:
        {
          Object[] elements = new Object[in.readInt()];
          for (int i = 0; i < elements.length; i++) elements[i] = readValue(in, type.children[0]);
          return new GenericArrayData(elements);
        }
      case K_MULTISET:
        {
          // Flink's MULTISET<T> is a MapData of element to its INT count.
          int n = in.readInt();
          Map<Object, Object> counts = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) counts.merge(readValue(in, type.children[0]), 1, (a, b) -> (Integer) a + 1);
          return new GenericMapData(counts);
        }
      case K_MAP:
        {
          int n = in.readInt();
          Map<Object, Object> entries = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            Object key = readValue(in, type.children[0]);
            entries.put(key, readValue(in, type.children[1]));
          }
          return new GenericMapData(entries);
        }
      case K_ROW:
        return readFields(in, type.children);
      default:
        return null; // K_UNSUPPORTED: sent as null
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) return null;
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = (s.length() > 4000 ? s.substring(0, 4000) + "…" : s).getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getName() + (message == null ? "" : ": " + message);
  }
}
