/**
 * The mailbox an e-mail address delivers to, for the limit of active bookings per e-mail: `anna+1@example.org` and
 * `anna+2@example.org` reach the same person, as do `a.n.n.a@gmail.com` and `anna@googlemail.com`. Only for counting;
 * mail always goes to the address as entered.
 */
const DOTS_IGNORED = new Set(["gmail.com", "googlemail.com"]);

export function mailboxOf(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at <= 0) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (DOTS_IGNORED.has(domain)) {
    local = local.replaceAll(".", "");
    domain = "gmail.com";
  }
  return `${local}@${domain}`;
}
