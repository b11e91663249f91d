/**
 * Parses a text/event-stream as the HTML spec's EventSource does (fields id, event, data; comment
 * lines ignored; an event dispatched at each blank line). Browser-safe; used by the console's
 * fetch-based stream client and by tests.
 */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private event = "";
  private id: string | undefined;
  /** Comment lines seen (heartbeats), for tests and liveness checks. */
  comments = 0;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith("\r\n", newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      if (line === "") {
        if (this.data.length > 0)
          out.push({
            ...(this.id !== undefined ? { id: this.id } : {}),
            event: this.event || "message",
            data: this.data.join("\n"),
          });
        this.data = [];
        this.event = "";
        this.id = undefined;
        continue;
      }
      if (line.startsWith(":")) {
        this.comments++;
        continue;
      }
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "data") this.data.push(value);
      else if (field === "event") this.event = value;
      else if (field === "id" && !value.includes("\0")) this.id = value;
    }
    return out;
  }
}
