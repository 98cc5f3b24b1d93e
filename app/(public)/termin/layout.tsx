import { ClientMessages } from "@/components/site/client-messages";

/** The booking flow and the manage pages: their forms are client components with translated texts. */
export default function BookingLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="public">{children}</ClientMessages>;
}
