"use client";

import { useEffect, useState } from "react";
import { waitForOfficeHost, type HostStatus } from "@/lib/addin/office-host";

/** Null while office.js loads; then whether this pane runs inside Excel. */
export function useOfficeHost(): HostStatus | null {
  const [status, setStatus] = useState<HostStatus | null>(null);
  useEffect(() => {
    let live = true;
    void waitForOfficeHost().then((result) => {
      if (live) setStatus(result);
    });
    return () => {
      live = false;
    };
  }, []);
  return status;
}
