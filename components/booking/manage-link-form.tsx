import { TextField } from "@/components/ui/fields";
import { SubmitButton } from "@/components/ui/submit-button";

export type ManageLinkFormTexts = { reference: string; referenceHint: string; email: string; emailHint: string; submit: string; sending: string };

/**
 * Booking number and e-mail address, to have the manage link sent again. A server component with a plain form: it
 * works the same without JavaScript, and the home page, which shows it, needs no messages on the client. The action
 * answers every post with a redirect (lib/booking-flow/form-proof.ts explains the sealed `ausgestellt`).
 */
export function ManageLinkForm({
  action,
  nonce,
  issued,
  texts,
  errors = {},
  labelledBy,
}: {
  action: (formData: FormData) => Promise<unknown>;
  nonce: string;
  issued: string;
  texts: ManageLinkFormTexts;
  errors?: { nummer?: string; email?: string };
  labelledBy?: string;
}) {
  return (
    <form action={action as (formData: FormData) => Promise<void>} noValidate aria-labelledby={labelledBy}>
      <input type="hidden" name="nonce" value={nonce} />
      <input type="hidden" name="ausgestellt" value={issued} />
      <TextField id="nummer" label={texts.reference} hint={texts.referenceHint} error={errors.nummer} autoComplete="off" spellCheck={false} maxLength={40} className="input--medium" />
      <TextField id="email" type="email" label={texts.email} hint={texts.emailHint} error={errors.email} autoComplete="email" spellCheck={false} maxLength={254} />
      <SubmitButton pendingLabel={texts.sending}>{texts.submit}</SubmitButton>
    </form>
  );
}
