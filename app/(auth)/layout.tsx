import { BrandMark } from "@/components/marketing/brand-mark";

/** Sign-in and sign-up: a narrow centred column that also fits the 350px task pane. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="px-4 py-4 sm:px-6">
        <BrandMark />
      </header>
      <main id="main-content" tabIndex={-1} className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 outline-none sm:pt-12">
        <div className="w-full max-w-sm">{children}</div>
      </main>
    </div>
  );
}
