"use client";

import { useEffect } from "react";
import { waitForOfficeHost } from "@/lib/addin/office-host";

/** Office waits for the function file to initialise; nothing else runs here. */
export function CommandsReady() {
  useEffect(() => {
    void waitForOfficeHost();
  }, []);
  return null;
}
