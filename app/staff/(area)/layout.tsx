import { headers } from "next/headers";
import { StaffHeader } from "@/components/staff/staff-header";
import { requireStaff } from "@/lib/auth/staff";

/** Every page below requires a valid staff session; actions check again on their own (lib/actions/staff-action.ts). */
export default async function StaffAreaLayout({ children }: { children: React.ReactNode }) {
  const path = (await headers()).get("x-request-path") ?? "/staff";
  const staff = await requireStaff("staff", path);
  return (
    <>
      <StaffHeader staff={staff} />
      <main id="main" tabIndex={-1}>
        <div className="container page">{children}</div>
      </main>
    </>
  );
}
