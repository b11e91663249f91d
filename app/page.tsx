import { EditorWorkspace } from "@/components/editor/editor-workspace";

export default function EditorPage() {
  return <EditorWorkspace />;
}
