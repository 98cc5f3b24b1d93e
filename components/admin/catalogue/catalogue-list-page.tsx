import Link from "next/link";
import { ActionNotice } from "./action-notice";
import { CatalogueNav, type CatalogueSection } from "./catalogue-nav";

/**
 * The frame the category, document and form lists share: catalogue navigation, heading, the notice of the last
 * action, introduction, the "new" button, and the table (its head and body are the children) or the empty text.
 */
export function CatalogueListPage({
  section,
  notice,
  t,
  newHref,
  isEmpty,
  children,
}: {
  section: CatalogueSection;
  notice: string | string[] | undefined;
  /** The section's translator: each list's messages have these five texts. */
  t: (key: "title" | "intro" | "new" | "empty" | "tableCaption") => string;
  newHref: string;
  isEmpty: boolean;
  children: React.ReactNode;
}) {
  return (
    <>
      <CatalogueNav current={section} />
      <h1>{t("title")}</h1>
      <ActionNotice value={notice} />
      <p className="reading">{t("intro")}</p>
      <p>
        <Link className="button" href={newHref}>
          {t("new")}
        </Link>
      </p>
      {isEmpty ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("tableCaption")}</caption>
            {children}
          </table>
        </div>
      )}
    </>
  );
}
