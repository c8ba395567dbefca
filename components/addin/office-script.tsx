"use client";

// Loads office.js from Microsoft's CDN on every add-in page. office.js nulls
// history.pushState/replaceState (a leftover for old IE hosts), which the Next.js router needs,
// so they are saved before it loads and put back after.
import Script from "next/script";
import { markOfficeScript } from "@/lib/addin/office-host";

const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

const savedHistory =
  typeof window === "undefined" ? null : { pushState: window.history.pushState, replaceState: window.history.replaceState };

function restoreHistory() {
  if (!savedHistory) return;
  if (typeof window.history.pushState !== "function") window.history.pushState = savedHistory.pushState;
  if (typeof window.history.replaceState !== "function") window.history.replaceState = savedHistory.replaceState;
}

export function OfficeScript() {
  return (
    <Script
      id="office-js"
      src={OFFICE_JS_URL}
      strategy="afterInteractive"
      onLoad={() => {
        restoreHistory();
        markOfficeScript("loaded");
      }}
      onError={() => markOfficeScript("failed")}
    />
  );
}
