"use client";
/**
 * The editor's "Browse topic" code lens on a Kafka CREATE TABLE: opens the topic's page in a new
 * tab (the draft stays as it is) on the cluster profile whose bootstrap servers are the table's,
 * with the table's key/value formats, columns and format options preselected for decoding.
 */
import type * as Monaco from "monaco-editor";
import { api } from "@/lib/api/client";
import {
  profileForServers,
  tableTopicLinks,
  topicPageHref,
  type TableTopicLink,
} from "@/lib/topics/table-topic-link";

export const BROWSE_TOPIC_COMMAND = "tributary.browseTopic";

async function openTopicOf(link: TableTopicLink): Promise<void> {
  // Opened before the profile lookup, while the click still counts as a user gesture.
  const tab = window.open("", "_blank");
  let clusterId: string | undefined;
  try {
    const clusters = await api.clusters.list();
    // No profile for these servers: the default profile's page (the console's cluster).
    clusterId = profileForServers(clusters, link.bootstrapServers)?.id;
  } catch {
    // Without the profiles the page opens on the default one.
  }
  const href = topicPageHref(link, clusterId);
  if (tab) tab.location.href = href;
  else window.location.assign(href);
}

export function registerBrowseTopicLens(monaco: typeof Monaco): void {
  monaco.editor.registerCommand(BROWSE_TOPIC_COMMAND, (_accessor, link: TableTopicLink) => {
    void openTopicOf(link);
  });
  monaco.languages.registerCodeLensProvider("sql", {
    provideCodeLenses(model) {
      const lenses = tableTopicLinks(model.getValue()).map((link, i) => ({
        range: {
          startLineNumber: link.span.line,
          startColumn: link.span.column,
          endLineNumber: link.span.line,
          endColumn: link.span.column,
        },
        id: `browse-topic-${i}`,
        command: {
          id: BROWSE_TOPIC_COMMAND,
          title: `Browse topic '${link.topic}' as ${link.table} decodes it`,
          arguments: [link],
        },
      }));
      return { lenses, dispose() {} };
    },
  });
}
