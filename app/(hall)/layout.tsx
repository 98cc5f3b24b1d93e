import { ClientMessages } from "@/components/site/client-messages";

/** The hall's screens (kiosk, call display, ticket) are full-screen: no site header or footer to scroll past. */
export default function HallLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="hall">
      <ClientMessages area="hall">{children}</ClientMessages>
    </main>
  );
}
