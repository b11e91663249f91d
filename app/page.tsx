import { Suspense } from "react";
import { EditorWorkspace } from "@/components/editor/editor-workspace";

export const metadata = { title: "SQL editor · Tributary" };

export default function EditorPage() {
  return (
    <Suspense>
      <EditorWorkspace />
    </Suspense>
  );
}
