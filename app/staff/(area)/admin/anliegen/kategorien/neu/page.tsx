import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { CategoryForm } from "@/components/admin/catalogue/category-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { categoryFormValues } from "@/lib/services/admin/catalogue/categories";
import { createCategoryAction } from "../../actions";

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.categories");
  return { title: t("newTitle") };
}

export default async function NewCategoryPage() {
  await requireStaffPage("admin");
  const t = await getTranslations("adminCatalogue.categories");
  return (
    <>
      <CatalogueNav current="categories" />
      <Link className="back-link" href="/staff/admin/anliegen/kategorien">
        {t("backToList")}
      </Link>
      <h1>{t("newTitle")}</h1>
      <div className="reading">
        <CategoryForm
          action={createCategoryAction}
          defaults={categoryFormValues(null)}
          submitLabel={t("submitNew")}
          cancelHref="/staff/admin/anliegen/kategorien"
          cancelLabel={t("backToList")}
        />
      </div>
    </>
  );
}
