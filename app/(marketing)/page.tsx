// The landing page: what the product does, how the ask → review → apply → undo loop works,
// which models it runs on, and the plans, with sign-up one click away everywhere.
import { Hero } from "@/components/marketing/hero";
import { HowItWorks } from "@/components/marketing/how-it-works";
import { Pricing } from "@/components/marketing/pricing";
import { Providers } from "@/components/marketing/providers";
import { SiteFooter } from "@/components/marketing/site-footer";
import { SiteHeader } from "@/components/marketing/site-header";
import { Surfaces } from "@/components/marketing/surfaces";

export default function LandingPage() {
  return (
    <>
      <SiteHeader />
      <main id="main-content" tabIndex={-1} className="outline-none">
        <Hero />
        <HowItWorks />
        <Surfaces />
        <Providers />
        <Pricing />
      </main>
      <SiteFooter />
    </>
  );
}
