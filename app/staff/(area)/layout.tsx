import { StaffHeader } from "@/components/staff/staff-header";
import { requireStaffPage } from "@/lib/auth/staff";

/**
 * The staff area's frame. It is not the guard: a page segment can be fetched without its layout, so every page asks
 * for its own StaffAccess and every staff service checks it (lib/auth/staff-access.ts); the proxy turns signed-out
 * requests away before any of this renders.
 */
export default async function StaffAreaLayout({ children }: { children: React.ReactNode }) {
  const access = await requireStaffPage();
  return (
    <>
      <StaffHeader staff={access} />
      <main id="main" tabIndex={-1}>
        <div className="container page">{children}</div>
      </main>
    </>
  );
}
