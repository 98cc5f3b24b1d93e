import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { seal, unseal } from "@/lib/services/sealed";
import { bookingDraftSchema, DRAFT_COOKIE, DRAFT_MAX_AGE_SECONDS, type BookingDraft, type CitizenDetails } from "@/lib/validation/booking";

const PURPOSE = "booking-draft";

/** The citizen's details between "Ihre Daten" and the confirmation live only in this sealed cookie. */
export async function writeDraft(details: CitizenDetails, now: Date): Promise<void> {
  const draft: BookingDraft = { name: details.name, email: details.email, phone: details.phone, note: details.note, savedAt: now.getTime() };
  const env = getEnv();
  (await cookies()).set(DRAFT_COOKIE, seal(draft, env.authSecret, PURPOSE), {
    httpOnly: true,
    sameSite: "lax",
    secure: env.publicUrl.startsWith("https:"),
    path: "/termin",
    maxAge: DRAFT_MAX_AGE_SECONDS,
  });
}

export async function readDraft(now: Date): Promise<BookingDraft | null> {
  const raw = (await cookies()).get(DRAFT_COOKIE)?.value;
  const parsed = bookingDraftSchema.safeParse(unseal(raw, getEnv().authSecret, PURPOSE));
  if (!parsed.success) return null;
  // The cookie's own expiry is the browser's business; the server enforces the hour as well.
  return now.getTime() - parsed.data.savedAt <= DRAFT_MAX_AGE_SECONDS * 1000 ? parsed.data : null;
}

export async function clearDraft(): Promise<void> {
  (await cookies()).delete({ name: DRAFT_COOKIE, path: "/termin" });
}
