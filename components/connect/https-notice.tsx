"use client";

// Office loads an add-in only from an https address: a manifest pointing at http:// is refused
// when it is uploaded (or the pane stays blank). Said before the user downloads anything, from
// the address the browser actually reached, with what to do about it.
import { useSyncExternalStore } from "react";
import { TriangleAlert } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

const subscribe = () => () => {};

export function HttpsNotice() {
  const protocol = useSyncExternalStore(subscribe, () => window.location.protocol, () => null);
  if (protocol !== "http:") return null;
  return (
    <Alert variant="warning" data-testid="https-notice">
      <TriangleAlert aria-hidden="true" />
      <AlertTitle>This site is not served over https, so Excel will refuse the add-in</AlertTitle>
      <AlertDescription>
        <p>
          Office only loads add-ins from secure (https) addresses. A manifest downloaded from this http address will be
          rejected when you upload it, or the task pane will stay blank.
        </p>
        <p>
          What to do: open this page from the site&apos;s https address and download the manifest there. If the site has
          no https address yet, ask whoever runs it to put it behind https (a certificate on the server or a hosting
          service that provides one). Running it yourself on this computer to try it out? Start it with https, for example{" "}
          <code className="break-all">next dev --experimental-https</code>, and open https://localhost.
        </p>
      </AlertDescription>
    </Alert>
  );
}
