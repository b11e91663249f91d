package dev.tributary.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * Real Flink for `npm run bench -- vs-flink`: runs a SQL script (SET, CREATE TABLE, one INSERT) on
 * a Flink mini-cluster inside this JVM — the local execution a TableEnvironment picks when no
 * cluster is named — and waits for the INSERT job to end (bounded sources) or, unbounded, until the
 * process is killed.
 *
 * <p>Usage: FlinkSqlJob SCRIPT_FILE
 */
public final class FlinkSqlJob {
  private static final Pattern SET = Pattern.compile("(?is)^SET\\s+'([^']+)'\\s*=\\s*'([^']*)'$");

  public static void main(String[] args) throws Exception {
    String script = Files.readString(Path.of(args[0]));
    TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    TableResult insert = null;
    // Statements end with ';' at a line's end (the bench writes its scripts so).
    for (String raw : script.split(";\\s*(\\n|$)")) {
      String statement = raw.strip();
      if (statement.isEmpty()) continue;
      Matcher set = SET.matcher(statement);
      if (set.matches()) {
        tEnv.getConfig().getConfiguration().setString(set.group(1), set.group(2));
      } else {
        TableResult result = tEnv.executeSql(statement);
        if (statement.regionMatches(true, 0, "INSERT", 0, 6)) insert = result;
      }
    }
    if (insert == null) throw new IllegalArgumentException("the script has no INSERT");
    System.out.println("SUBMITTED");
    System.out.flush();
    insert.await();
    System.out.println("FINISHED");
    System.exit(0);
  }
}
