// GET /addin/functions.js — the functions script the manifest names. Excel runs the functions in
// the task pane's shared runtime, where the pane registers them with its credential; this script
// is what a host without the shared runtime would load instead, and there each function says so
// in its cell (rather than computing without the pane's sign-in and limits).
import { withRoute } from "@/lib/api/with-route";

const SCRIPT = `// AI Assistant: =AI.ASK, =AI.CLASSIFY and =AI.EXTRACT run inside the assistant's task pane.
(function () {
  if (typeof CustomFunctions === "undefined" || self.__aiFunctionsRegistered) return;
  var message = "AI functions run in the AI Assistant pane: open it (Home > Ask AI) in a version of Excel that supports shared runtimes.";
  function unavailable() {
    throw new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
  }
  ["ASK", "CLASSIFY", "EXTRACT"].forEach(function (id) {
    CustomFunctions.associate(id, unavailable);
  });
})();
`;

export const GET = withRoute({ auth: "none" }, async () => {
  return new Response(SCRIPT, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=300" } });
});
