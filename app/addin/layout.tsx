// The Excel add-in's pages (task pane, sign-in dialog, ribbon function file): office.js on every
// page, a compact layout sized for a ~350px task pane, and no site chrome.
import type { Metadata } from "next";
import { OfficeScript } from "@/components/addin/office-script";

export const metadata: Metadata = {
  title: "Excel AI Assistant",
  robots: { index: false, follow: false },
};

export default function AddinLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <OfficeScript />
      {children}
    </>
  );
}
