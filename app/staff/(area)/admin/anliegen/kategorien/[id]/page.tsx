import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { CategoryForm } from "@/components/admin/catalogue/category-form";
import { parseRecordId } from "@/components/admin/catalogue/page-helpers";
import { requireStaffPage, staffAccessWithRole } from "@/lib/auth/staff";
import { getLanguage, pick } from "@/lib/i18n/server";
import { categoryFormValues, findCategory } from "@/lib/services/admin/catalogue/categories";
import { updateCategoryAction } from "../../actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [{ id }, t, language] = await Promise.all([params, getTranslations("adminCatalogue.categories"), getLanguage()]);
  const parsed = parseRecordId(id);
  // Only an admin gets a title naming the record (an inactive concern's name is not public), everyone else a generic one.
  const access = parsed === null ? null : await staffAccessWithRole("admin");
  const category = access && parsed !== null ? await findCategory(access, parsed) : undefined;
  return { title: category ? t("editTitle", { name: pick(category, "name", language) }) : t("title") };
}

export default async function EditCategoryPage({ params }: Props) {
  const { id } = await params;
  const access = await requireStaffPage("admin");
  const parsed = parseRecordId(id);
  const category = parsed === null ? undefined : await findCategory(access, parsed);
  if (!category) notFound();
  const [t, language] = await Promise.all([getTranslations("adminCatalogue.categories"), getLanguage()]);
  return (
    <>
      <CatalogueNav current="categories" />
      <Link className="back-link" href="/staff/admin/anliegen/kategorien">
        {t("backToList")}
      </Link>
      <h1>{t("editTitle", { name: pick(category, "name", language) })}</h1>
      <div className="reading">
        <CategoryForm
          action={updateCategoryAction}
          defaults={categoryFormValues(category)}
          recordId={category.id}
          submitLabel={t("submitEdit")}
          cancelHref="/staff/admin/anliegen/kategorien"
          cancelLabel={t("backToList")}
        />
      </div>
    </>
  );
}
