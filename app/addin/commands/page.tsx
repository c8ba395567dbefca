// The ribbon's function file (manifest: Commands.Url). The add-in's only command opens the task
// pane, which Office does itself, so this page just has to load office.js and say it is ready.
import { CommandsReady } from "@/components/addin/commands-ready";

export default function AddinCommandsPage() {
  return <CommandsReady />;
}
