"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { importSampleCatalogue, sendTestMail } from "@/lib/services/admin/setup";

const SETUP = "/staff/admin/einrichtung";

export const importSampleCatalogueAction = staffAction("admin", z.object({}), async (_input, access) => {
  await importSampleCatalogue(access);
  revalidatePath("/", "layout");
  redirect(`${SETUP}?erledigt=katalog`);
});

export const sendTestMailAction = staffAction("admin", z.object({}), async (_input, access) => {
  const outcome = await sendTestMail(access);
  if (!outcome.ok) return { status: "error", code: "mail_test_failed", fieldErrors: {}, values: {}, details: { reason: outcome.reason } };
  redirect(`${SETUP}?erledigt=${outcome.kept ? "mail-demo" : "mail"}`);
});
