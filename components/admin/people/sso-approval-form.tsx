"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE } from "@/lib/actions/action-state";
import { STAFF_ROLES } from "@/lib/domain/enums";
import { FormError } from "./form-error";
import type { FormAction } from "@/components/ui/form-kit";
import { useActionErrorText } from "@/components/ui/office-context";

/**
 * The decision on an account made by single sign-on that waits for approval: approve with one of the roles (one form,
 * the role is the pressed button's value, so it also works without JavaScript) or reject (deletes the request). Each
 * button names the person for screen readers, as there may be several requests on one page.
 */
export function SsoApprovalForms({
  approveAction,
  rejectAction,
  userId,
  name,
  size,
}: {
  approveAction: FormAction;
  rejectAction: FormAction;
  userId: number;
  name: string;
  size?: "small";
}) {
  const t = useTranslations("adminPeople.accounts.sso");
  const errorText = useActionErrorText();
  const [approveState, approve] = useActionState(approveAction, IDLE);
  const [rejectState, reject] = useActionState(rejectAction, IDLE);
  const sized = (className: string) => (size === "small" ? `${className} button--small` : className);
  const who = <span className="visually-hidden"> – {name}</span>;
  return (
    <>
      <FormError text={errorText(approveState) ?? errorText(rejectState)} />
      {/* The forms lay their buttons out in one row; they stay separate forms for the two actions. */}
      <div className="button-group">
        <form action={approve} style={{ display: "contents" }}>
          <input type="hidden" name="userId" value={userId} />
          {STAFF_ROLES.map((role) => (
            <SubmitButton key={role} name="role" value={role} className={sized(role === "staff" ? "button" : "button button--secondary")}>
              {t(`approveAs.${role}`)}
              {who}
            </SubmitButton>
          ))}
        </form>
        <form action={reject} style={{ display: "contents" }}>
          <input type="hidden" name="userId" value={userId} />
          <SubmitButton className={sized("button button--danger")}>
            {t("reject")}
            {who}
          </SubmitButton>
        </form>
      </div>
    </>
  );
}
