import {
  BookOpen,
  Clock,
  CreditCard,
  KeyRound,
  LayoutDashboard,
  MessageSquare,
  Plug,
  Settings,
  UserRound,
  Users,
  type LucideIcon,
} from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

/** Every dashboard page, in menu order. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Overview", icon: LayoutDashboard },
  { href: "/dashboard/playground", label: "Playground", icon: MessageSquare },
  { href: "/dashboard/history", label: "History", icon: Clock },
  { href: "/dashboard/workspaces", label: "Workspaces", icon: Users },
  { href: "/dashboard/keys", label: "API keys", icon: KeyRound },
  { href: "/dashboard/api", label: "API reference", icon: BookOpen },
  { href: "/dashboard/billing", label: "Billing", icon: CreditCard },
  { href: "/dashboard/settings", label: "Settings", icon: Settings },
  { href: "/dashboard/account", label: "Account", icon: UserRound },
  { href: "/dashboard/connect", label: "Get the add-in", icon: Plug },
];

/** Overview matches only itself; the others also match their sub-pages. */
export function isActive(pathname: string, href: string) {
  if (href === "/dashboard") return pathname === "/dashboard";
  return pathname === href || pathname.startsWith(`${href}/`);
}
