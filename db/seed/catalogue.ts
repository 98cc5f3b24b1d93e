/**
 * Demo catalogue of "Bürgerbüro Musterstadt" (Niedersachsen).
 *
 * Pure data: no runtime imports, no I/O. The seed script turns this into rows.
 * Fees reflect the federal and typical municipal rates for 2026 as far as known;
 * municipal fees (Meldebescheinigung, vehicles, Beglaubigung, parking) are
 * plausible demo values for Musterstadt, not quotes from a real fee schedule.
 *
 * Document keys are shared across concerns on purpose: the "what to bring"
 * checklist merges the documents of all booked concerns by key.
 */

import type { DocumentScope } from "@/lib/domain/enums";

export type Bilingual = { de: string; en: string };

/**
 * A thing to bring, e.g. key "biometric-photo". `alternatives`: keys of documents that satisfy this one as well; the
 * checklist lists only the alternative when both are needed.
 */
export type SeedDocument = { key: string; name: Bilingual; hint?: Bilingual; alternatives?: string[] };

/**
 * A document needed for a concern: per person the concern is for, per application, or once per visit
 * (lib/domain/enums.ts DOCUMENT_SCOPES); always, or only under a condition ("Nur beim ersten Ausweisdokument").
 */
export type SeedConcernDocument = {
  document: string /* SeedDocument.key */;
  scope: DocumentScope;
  count: number;
  /** Absent: always needed. A whole phrase: "Nur beim ersten Ausweisdokument". */
  condition?: Bilingual;
};

/** A downloadable form; the file lives under /forms/. */
export type SeedForm = { key: string; title: Bilingual; fileName: string };

/** `openByDefault`: shown open on the concerns step (the common ones). */
export type SeedCategory = { key: string; name: Bilingual; openByDefault: boolean };

export type SeedConcern = {
  /** Stable slug, e.g. "personalausweis". */
  key: string;
  /** SeedCategory.key */
  category: string;
  name: Bilingual;
  /** 2–4 sentences for citizens. */
  description: Bilingual;
  /** Counter time per item, a multiple of 5. */
  durationMinutes: number;
  /** Fee per item in euro cents; null = free of charge. */
  feeCents: number | null;
  feeNote?: Bilingual;
  /** How many items of this concern one appointment may hold. */
  maxQuantity: number;
  /** Federal LeiKa service key (14 digits); only set where verified. */
  leikaKey?: string;
  documents: SeedConcernDocument[];
  /** SeedForm.key list */
  forms: string[];
  /** The small branch office offers only some concerns. */
  offeredAtBranch: boolean;
};

// ---------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------

export const categories: SeedCategory[] = [
  // ID documents and registration are what most people come for: open on the concerns step.
  { key: "ausweisdokumente", name: { de: "Ausweisdokumente", en: "ID documents" }, openByDefault: true },
  { key: "meldewesen", name: { de: "Meldewesen", en: "Residence registration" }, openByDefault: true },
  { key: "kfz-zulassung", name: { de: "Kfz-Zulassung", en: "Vehicle registration" }, openByDefault: false },
  { key: "weitere-anliegen", name: { de: "Weitere Anliegen", en: "Other services" }, openByDefault: false },
];

// ---------------------------------------------------------------------------
// Documents to bring
// ---------------------------------------------------------------------------

export const documents: SeedDocument[] = [
  {
    key: "id-card-or-passport",
    name: { de: "Gültiger Personalausweis oder Reisepass", en: "Valid ID card or passport" },
    // Whoever applies for a new ID document shows the previous one anyway.
    alternatives: ["previous-id-document"],
    hint: {
      de: "Ohne deutsches Ausweisdokument: Ihr Nationalpass oder Passersatzpapier und, falls vorhanden, Ihr Aufenthaltstitel.",
      en: "If you do not have a German ID document: your national passport or substitute travel document, and your residence permit if you have one.",
    },
  },
  {
    key: "previous-id-document",
    name: {
      de: "Bisheriger Personalausweis bzw. Reisepass (auch wenn abgelaufen)",
      en: "Your current ID card or passport (even if it has expired)",
    },
    hint: {
      de: "Bitte bei Antrag und Abholung vorlegen; bei der Abholung des neuen Dokuments wird das alte entwertet. Beim allerersten Ausweisdokument entfällt es. Ist es verloren gegangen oder gestohlen worden, sagen Sie uns das bitte im Termin.",
      en: "Please show it when you apply and when you collect the new document; the old one is cancelled on collection. Not needed for a very first ID document. If it has been lost or stolen, please tell us at your appointment.",
    },
  },
  {
    key: "biometric-photo",
    name: { de: "Aktuelles biometrisches Passfoto (digital)", en: "Recent biometric passport photo (digital)" },
    hint: {
      de: "Nicht älter als sechs Monate. Entweder von einem zertifizierten Fotostudio elektronisch übermittelt (bitte den Beleg mit dem Abrufcode mitbringen) oder bei uns vor Ort aufgenommen (6,00 €). Ausgedruckte Passbilder werden nicht mehr angenommen.",
      en: "Taken within the last six months. Either sent electronically by a certified photo studio (please bring the receipt with the retrieval code) or taken here at the office (€6.00). Printed photos are no longer accepted.",
    },
  },
  {
    key: "birth-certificate",
    name: { de: "Geburtsurkunde", en: "Birth certificate" },
    hint: {
      de: "Hat sich Ihr Name geändert, z. B. durch Heirat, bringen Sie bitte auch die Eheurkunde oder einen anderen Nachweis der Namensänderung mit.",
      en: "If your name has changed, e.g. through marriage, please also bring your marriage certificate or other proof of the name change.",
    },
  },
  {
    key: "guardian-id",
    name: {
      de: "Gültiger Personalausweis oder Reisepass der Begleitperson",
      en: "Valid ID card or passport of the accompanying parent",
    },
    hint: {
      de: "Der sorgeberechtigte Elternteil, der mitkommt, weist sich damit aus.",
      en: "The parent with custody who comes along shows it to identify themselves.",
    },
  },
  {
    key: "parental-consent",
    name: {
      de: "Einverständniserklärung aller Sorgeberechtigten",
      en: "Consent of every parent or guardian with custody",
    },
    hint: {
      de: "Kommt ein sorgeberechtigter Elternteil nicht mit, bringen Sie seine unterschriebene Einverständniserklärung und eine Kopie seines Ausweises mit. Bei alleinigem Sorgerecht genügt ein Nachweis, z. B. ein Beschluss des Familiengerichts oder eine Negativbescheinigung des Jugendamts.",
      en: "If a parent with custody cannot come, bring their signed consent form and a copy of their ID. If you have sole custody, bring proof of it, e.g. a family court decision or a certificate from the youth welfare office (Negativbescheinigung).",
    },
  },
  {
    key: "power-of-attorney",
    name: { de: "Vollmacht", en: "Power of attorney" },
    hint: {
      de: "Von Ihnen unterschrieben. Die bevollmächtigte Person legt ihren eigenen gültigen Ausweis vor und bringt Ihren Ausweis oder eine Kopie davon mit.",
      en: "Signed by you. The person you authorise shows their own valid ID and brings your ID document or a copy of it.",
    },
  },
  {
    key: "landlord-confirmation",
    name: {
      de: "Wohnungsgeberbestätigung",
      en: "Landlord's confirmation of moving in (Wohnungsgeberbestätigung)",
    },
    hint: {
      de: "Ihre Vermieterin oder Ihr Vermieter bzw. der Wohnungsgeber muss Ihnen den Einzug innerhalb von zwei Wochen schriftlich bestätigen. Wohnen Sie im eigenen Eigentum, füllen Sie sie selbst aus. Ein Mietvertrag ersetzt sie nicht.",
      en: "Your landlord, or whoever provides the accommodation, must confirm your move in writing within two weeks. If you own the home, you fill it in yourself. A tenancy agreement cannot be used instead.",
    },
  },
  {
    key: "evb-number",
    name: { de: "eVB-Nummer (elektronische Versicherungsbestätigung)", en: "eVB number (electronic proof of insurance)" },
    hint: {
      de: "Siebenstelliger Code, den Sie von Ihrer Kfz-Haftpflichtversicherung erhalten. Bitte notieren oder ausdrucken.",
      en: "The seven-character code from your motor insurer. Please write it down or bring a printout.",
    },
  },
  {
    key: "registration-certificate-part-1",
    name: {
      de: "Zulassungsbescheinigung Teil I (Fahrzeugschein)",
      en: "Registration certificate Part I (Fahrzeugschein)",
    },
    hint: {
      de: "Bei fabrikneuen Fahrzeugen gibt es sie noch nicht.",
      en: "Brand-new vehicles do not have one yet.",
    },
  },
  {
    key: "registration-certificate-part-2",
    name: {
      de: "Zulassungsbescheinigung Teil II (Fahrzeugbrief) im Original",
      en: "Registration certificate Part II (Fahrzeugbrief), original",
    },
    hint: {
      de: "Bei finanzierten oder geleasten Fahrzeugen liegt sie oft bei der Bank oder Leasinggesellschaft. Bitte fordern Sie sie rechtzeitig an.",
      en: "For financed or leased vehicles it is often held by the bank or leasing company. Please request it in good time.",
    },
  },
  {
    key: "coc-certificate",
    name: {
      de: "EG-Übereinstimmungsbescheinigung (CoC)",
      en: "Certificate of Conformity (CoC)",
    },
    hint: {
      de: "Erhalten Sie vom Hersteller oder Autohaus.",
      en: "Issued by the manufacturer or dealer.",
    },
  },
  {
    key: "inspection-report",
    name: {
      de: "Bericht der letzten Hauptuntersuchung",
      en: "Latest vehicle inspection report (HU)",
    },
    hint: {
      de: "Den Prüfbericht erhalten Sie von der Prüfstelle, z. B. TÜV, DEKRA oder GTÜ.",
      en: "The report issued by the testing organisation, e.g. TÜV, DEKRA or GTÜ.",
    },
  },
  {
    key: "sepa-mandate-vehicle-tax",
    name: {
      de: "SEPA-Lastschriftmandat für die Kfz-Steuer",
      en: "SEPA direct debit mandate for vehicle tax (Kfz-Steuer)",
    },
    hint: {
      de: "Ausgefüllt und von der Kontoinhaberin bzw. dem Kontoinhaber unterschrieben. Die Kfz-Steuer zieht das Hauptzollamt ein; ohne Mandat ist keine Zulassung möglich.",
      en: "Completed and signed by the account holder. Vehicle tax is collected by the customs office (Hauptzollamt); a vehicle cannot be registered without this mandate.",
    },
  },
  {
    key: "licence-plates",
    name: { de: "Bisherige Kennzeichenschilder", en: "Current number plates" },
    hint: {
      de: "Beide Schilder.",
      en: "Both plates.",
    },
  },
  {
    key: "recycling-certificate",
    name: { de: "Verwertungsnachweis", en: "Certificate of destruction" },
    hint: {
      de: "Erhalten Sie vom anerkannten Demontagebetrieb.",
      en: "Issued by the authorised dismantling facility.",
    },
  },
  {
    key: "extended-certificate-request",
    name: {
      de: "Schriftliche Aufforderung für das erweiterte Führungszeugnis",
      en: "Written request for the extended certificate of good conduct",
    },
    hint: {
      de: "Von der Stelle, die das Zeugnis verlangt (z. B. Arbeitgeber oder Verein), mit der Bestätigung, dass die Voraussetzungen nach § 30a Bundeszentralregistergesetz vorliegen.",
      en: "From the organisation asking for it (e.g. your employer or club), confirming that the requirements of section 30a of the Federal Central Criminal Register Act (BZRG) are met.",
    },
  },
  {
    key: "originals-and-copies",
    name: {
      de: "Originale mit Kopien bzw. das zu unterschreibende Schriftstück",
      en: "Originals with copies, or the document to be signed",
    },
    hint: {
      de: "Wir beglaubigen nur Kopien, deren Original Sie vorlegen. Unterschreiben Sie bitte noch nicht, sondern erst vor Ort vor unseren Mitarbeitenden.",
      en: "We can only certify a copy if you show us the original. Please do not sign in advance; you sign in front of our staff.",
    },
  },
  {
    key: "found-item",
    name: { de: "Die Fundsache", en: "The item you found" },
    hint: {
      de: "Bitte notieren Sie, wann und wo Sie sie gefunden haben.",
      en: "Please note when and where you found it.",
    },
  },
  {
    key: "proof-of-ownership",
    name: { de: "Eigentumsnachweis", en: "Proof of ownership" },
    hint: {
      de: "Zum Beispiel Kaufbeleg, Rechnung, Foto, Seriennummer oder eine genaue Beschreibung.",
      en: "For example a receipt, invoice, photo, serial number or an exact description.",
    },
  },
  {
    key: "vehicle-use-proof",
    name: { de: "Nutzungsnachweis", en: "Proof of use" },
    hint: {
      de: "Zum Beispiel eine Bescheinigung Ihres Arbeitgebers, dass Ihnen ein Dienstwagen dauerhaft zur Verfügung steht.",
      en: "For example a letter from your employer confirming that a company car is permanently at your disposal.",
    },
  },
];

// ---------------------------------------------------------------------------
// Downloadable forms (files under /forms/)
// ---------------------------------------------------------------------------

export const forms: SeedForm[] = [
  {
    key: "meldeschein-anmeldung",
    title: {
      de: "Meldeschein für die Anmeldung bzw. Ummeldung",
      en: "Registration form for moving in or changing address (Meldeschein)",
    },
    fileName: "anmeldung-wohnung.pdf",
  },
  {
    key: "wohnungsgeberbestaetigung",
    title: {
      de: "Wohnungsgeberbestätigung (Vordruck für Vermieter)",
      en: "Landlord's confirmation (template for landlords)",
    },
    fileName: "wohnungsgeberbestaetigung.pdf",
  },
  {
    key: "meldeschein-abmeldung",
    title: { de: "Meldeschein für die Abmeldung", en: "Deregistration form (Meldeschein)" },
    fileName: "abmeldung-wohnung.pdf",
  },
  {
    key: "vollmacht",
    title: { de: "Vollmacht", en: "Power of attorney" },
    fileName: "vollmacht.pdf",
  },
  {
    key: "sepa-kfz-steuer",
    title: {
      de: "SEPA-Lastschriftmandat für die Kfz-Steuer",
      en: "SEPA direct debit mandate for vehicle tax",
    },
    fileName: "sepa-lastschriftmandat-kfz-steuer.pdf",
  },
  {
    key: "einverstaendnis-sorgeberechtigte",
    title: {
      de: "Einverständniserklärung der Sorgeberechtigten",
      en: "Consent form for parents with custody",
    },
    fileName: "einverstaendniserklaerung-sorgeberechtigte.pdf",
  },
  {
    key: "antrag-bewohnerparkausweis",
    title: {
      de: "Antrag auf einen Bewohnerparkausweis",
      en: "Application for a residents' parking permit",
    },
    fileName: "antrag-bewohnerparkausweis.pdf",
  },
];

// ---------------------------------------------------------------------------
// Concerns (Anliegen)
// ---------------------------------------------------------------------------

// LeiKa keys are deliberately left out: none could be verified against the
// federal service catalogue while writing this file. Add them from the
// FIM portal when they are confirmed.

export const concerns: SeedConcern[] = [
  // --- Ausweisdokumente ----------------------------------------------------
  {
    key: "personalausweis",
    category: "ausweisdokumente",
    name: { de: "Personalausweis beantragen", en: "Applying for an ID card" },
    description: {
      de: "Deutsche Staatsangehörige ab 16 Jahren müssen einen gültigen Personalausweis oder Reisepass besitzen. Sie müssen persönlich erscheinen; dabei werden zwei Fingerabdrücke aufgenommen. Der Ausweis gilt zehn Jahre (unter 24 Jahren: sechs Jahre) und ist in der Regel nach drei bis vier Wochen fertig – sobald Sie den PIN-Brief per Post erhalten haben, buchen Sie bitte einen Termin zur Abholung. Für Kinder unter 16 Jahren wählen Sie bitte „Reisepass oder Personalausweis für Kinder“.",
      en: "German citizens aged 16 and over must hold a valid ID card or passport. You must come in person, and two fingerprints will be taken. The card is valid for ten years (six years if you are under 24) and is usually ready after three to four weeks – once your PIN letter has arrived by post, please book an appointment to collect it. For children under 16, please choose ‘Passport or ID card for a child’.",
    },
    durationMinutes: 15,
    feeCents: 3700,
    feeNote: {
      de: "22,80 € für Antragstellende unter 24 Jahren. Auf Wunsch Direktversand nach Hause: zusätzlich 15,00 €.",
      en: "€22.80 if you are under 24. Optional delivery to your home address: an extra €15.00.",
    },
    maxQuantity: 4,
    documents: [
      { document: "previous-id-document", scope: "per_person", count: 1 },
      { document: "biometric-photo", scope: "per_application", count: 1 },
      { document: "birth-certificate", scope: "per_person", count: 1, condition: { de: "Nur beim ersten Ausweisdokument", en: "Only for a first ID document" } },
    ],
    forms: [],
    offeredAtBranch: true,
  },
  {
    key: "reisepass",
    category: "ausweisdokumente",
    name: { de: "Reisepass beantragen", en: "Applying for a passport" },
    description: {
      de: "Einen Reisepass brauchen Sie für Reisen in Länder, die den Personalausweis nicht anerkennen. Sie müssen persönlich erscheinen; dabei werden zwei Fingerabdrücke aufgenommen. Der Pass gilt zehn Jahre (unter 24 Jahren: sechs Jahre) und ist in der Regel nach drei bis vier Wochen abholbereit, im Expressverfahren innerhalb weniger Werktage. Für Kinder und Jugendliche unter 18 Jahren wählen Sie bitte „Reisepass oder Personalausweis für Kinder“.",
      en: "You need a passport to travel to countries that do not accept the German ID card. You must come in person, and two fingerprints will be taken. The passport is valid for ten years (six years if you are under 24) and is usually ready for collection after three to four weeks, or within a few working days with the express service. For children and young people under 18, please choose ‘Passport or ID card for a child’.",
    },
    durationMinutes: 15,
    feeCents: 7000,
    feeNote: {
      de: "37,50 € für Antragstellende unter 24 Jahren. Aufschläge: Expressverfahren 32,00 €, Pass mit 48 statt 32 Seiten 22,00 €, Direktversand nach Hause 15,00 €.",
      en: "€37.50 if you are under 24. Surcharges: express service €32.00, 48 instead of 32 pages €22.00, delivery to your home address €15.00.",
    },
    maxQuantity: 4,
    documents: [
      { document: "previous-id-document", scope: "per_person", count: 1 },
      { document: "biometric-photo", scope: "per_application", count: 1 },
      { document: "birth-certificate", scope: "per_person", count: 1, condition: { de: "Nur beim ersten Ausweisdokument", en: "Only for a first ID document" } },
    ],
    forms: [],
    offeredAtBranch: true,
  },
  {
    // Slug kept for stable links; the Kinderreisepass itself was abolished on 1 January 2024.
    key: "kinderreisepass",
    category: "ausweisdokumente",
    name: {
      de: "Reisepass oder Personalausweis für Kinder (früher Kinderreisepass)",
      en: "Passport or ID card for a child (formerly children's passport)",
    },
    description: {
      de: "Seit dem 1. Januar 2024 werden keine Kinderreisepässe mehr ausgestellt; vorhandene gelten bis zu ihrem Ablaufdatum, können aber nicht verlängert werden. Kinder und Jugendliche unter 18 Jahren erhalten stattdessen einen Reisepass oder einen Personalausweis, jeweils sechs Jahre gültig. Das Kind muss persönlich mitkommen (ab sechs Jahren werden Fingerabdrücke aufgenommen), ebenso alle Sorgeberechtigten – oder ein Elternteil mit der Einverständniserklärung des anderen. Bitte geben Sie als Anzahl die Zahl der Kinder an.",
      en: "Children's passports (Kinderreisepass) have not been issued since 1 January 2024; existing ones remain valid until their expiry date but cannot be extended. Children and young people under 18 now receive a passport or an ID card, each valid for six years. The child must come in person (fingerprints are taken from the age of six), together with every parent with custody – or one parent with the signed consent of the other. Please enter the number of children as the quantity.",
    },
    durationMinutes: 20,
    feeCents: 3750,
    feeNote: {
      de: "Reisepass 37,50 €, Personalausweis 22,80 € – jeweils pro Kind.",
      en: "Passport €37.50, ID card €22.80 – per child.",
    },
    maxQuantity: 4,
    documents: [
      { document: "guardian-id", scope: "once_per_visit", count: 1 },
      { document: "biometric-photo", scope: "per_application", count: 1 },
      { document: "birth-certificate", scope: "per_person", count: 1, condition: { de: "Nur beim ersten Ausweisdokument", en: "Only for a first ID document" } },
      { document: "previous-id-document", scope: "per_person", count: 1, condition: { de: "Nur wenn das Kind schon ein Ausweisdokument hat", en: "Only if the child already has an ID document" } },
      { document: "parental-consent", scope: "per_person", count: 1, condition: { de: "Nur wenn nicht alle Sorgeberechtigten mitkommen", en: "Only if not every parent with custody comes along" } },
    ],
    forms: ["einverstaendnis-sorgeberechtigte"],
    offeredAtBranch: true,
  },
  {
    key: "vorlaeufiger-personalausweis",
    category: "ausweisdokumente",
    name: { de: "Vorläufiger Personalausweis", en: "Temporary ID card" },
    description: {
      de: "Brauchen Sie kurzfristig ein Ausweisdokument, stellen wir Ihnen einen vorläufigen Personalausweis sofort im Termin aus; er gilt höchstens drei Monate. Er wird nur zusammen mit einem Antrag auf einen neuen Personalausweis ausgestellt – bitte buchen Sie „Personalausweis beantragen“ im selben Termin mit. Ob Ihr Reiseziel den vorläufigen Ausweis anerkennt, erfahren Sie vorab beim Auswärtigen Amt.",
      en: "If you need an ID document at short notice, we can issue a temporary ID card on the spot; it is valid for up to three months. It is only issued together with an application for a new ID card, so please also book ‘Applying for an ID card’ in the same appointment. Please check with the Federal Foreign Office beforehand whether your destination accepts the temporary card.",
    },
    durationMinutes: 10,
    feeCents: 1000,
    maxQuantity: 4,
    documents: [
      { document: "previous-id-document", scope: "per_person", count: 1 },
      { document: "biometric-photo", scope: "per_application", count: 1 },
    ],
    forms: [],
    offeredAtBranch: false,
  },
  {
    key: "abholung-ausweisdokument",
    category: "ausweisdokumente",
    name: {
      de: "Abholung eines Personalausweises oder Reisepasses",
      en: "Collecting an ID card or passport",
    },
    description: {
      de: "Ihr neues Dokument liegt in der Regel drei bis vier Wochen nach dem Antrag bereit; beim Personalausweis erkennen Sie das am PIN-Brief, den Sie per Post erhalten. Bitte bringen Sie Ihr bisheriges Dokument mit, es wird bei der Abholung entwertet. Sie können auch eine andere Person mit schriftlicher Vollmacht schicken. Abgeholt wird an dem Standort, an dem Sie den Antrag gestellt haben.",
      en: "Your new document is usually ready three to four weeks after you applied; for an ID card, the PIN letter you receive by post tells you it is ready. Please bring your old document, which will be cancelled when you collect the new one. You can also send someone else with a signed power of attorney. Documents are collected at the office where you applied.",
    },
    durationMinutes: 5,
    feeCents: null,
    maxQuantity: 4,
    documents: [
      { document: "previous-id-document", scope: "per_person", count: 1 },
      { document: "power-of-attorney", scope: "once_per_visit", count: 1, condition: { de: "Nur wenn eine andere Person für Sie kommt", en: "Only if someone else comes on your behalf" } },
    ],
    forms: ["vollmacht"],
    offeredAtBranch: true,
  },

  // --- Meldewesen -----------------------------------------------------------
  {
    key: "anmeldung",
    category: "meldewesen",
    name: { de: "Anmeldung einer Wohnung (Zuzug)", en: "Registering your address (moving to Musterstadt)" },
    description: {
      de: "Wenn Sie nach Musterstadt ziehen, melden Sie sich bitte innerhalb von zwei Wochen nach dem Einzug an; die Anmeldung ist kostenlos. Ziehen mehrere Personen gemeinsam ein, kann eine Person alle anmelden – bitte geben Sie als Anzahl die Zahl der Personen an und bringen Sie die Ausweise aller Personen mit. Sie erhalten eine kostenlose Meldebestätigung, und die neue Anschrift wird in Ihren Personalausweis eingetragen. Bei Zuzug aus dem Ausland bringen Sie bitte zusätzlich vorhandene Heirats- und Geburtsurkunden mit.",
      en: "When you move to Musterstadt, please register within two weeks of moving in; registration is free of charge. If several people move in together, one person can register everyone – please enter the number of people as the quantity and bring everyone's ID documents. You will receive a free confirmation of registration, and your new address will be added to your German ID card. If you are moving here from abroad, please also bring any marriage and birth certificates you have.",
    },
    durationMinutes: 10,
    feeCents: null,
    maxQuantity: 6,
    documents: [
      { document: "id-card-or-passport", scope: "per_person", count: 1 },
      { document: "landlord-confirmation", scope: "once_per_visit", count: 1 },
      { document: "power-of-attorney", scope: "once_per_visit", count: 1, condition: { de: "Nur wenn eine andere Person für Sie kommt", en: "Only if someone else comes on your behalf" } },
    ],
    forms: ["meldeschein-anmeldung", "wohnungsgeberbestaetigung", "vollmacht"],
    offeredAtBranch: true,
  },
  {
    key: "ummeldung",
    category: "meldewesen",
    name: { de: "Ummeldung innerhalb der Stadt", en: "Change of address within Musterstadt" },
    description: {
      de: "Ziehen Sie innerhalb von Musterstadt um, melden Sie Ihre neue Anschrift bitte innerhalb von zwei Wochen nach dem Einzug; die Ummeldung ist kostenlos. Sie benötigen dieselben Unterlagen wie bei der Anmeldung, insbesondere die Wohnungsgeberbestätigung. Die neue Anschrift wird in Ihren Personalausweis eingetragen. Bitte geben Sie als Anzahl die Zahl der Personen an, die mit umziehen.",
      en: "If you move within Musterstadt, please register your new address within two weeks of moving in; this is free of charge. You need the same documents as for a first registration, in particular the landlord's confirmation. Your new address will be added to your German ID card. Please enter the number of people moving as the quantity.",
    },
    durationMinutes: 10,
    feeCents: null,
    maxQuantity: 6,
    documents: [
      { document: "id-card-or-passport", scope: "per_person", count: 1 },
      { document: "landlord-confirmation", scope: "once_per_visit", count: 1 },
      { document: "power-of-attorney", scope: "once_per_visit", count: 1, condition: { de: "Nur wenn eine andere Person für Sie kommt", en: "Only if someone else comes on your behalf" } },
    ],
    forms: ["meldeschein-anmeldung", "wohnungsgeberbestaetigung", "vollmacht"],
    offeredAtBranch: true,
  },
  {
    key: "abmeldung",
    category: "meldewesen",
    name: { de: "Abmeldung (Wegzug ins Ausland)", en: "Deregistering (moving abroad)" },
    description: {
      de: "Eine Abmeldung ist nur nötig, wenn Sie ins Ausland ziehen oder eine Nebenwohnung aufgeben; bei einem Umzug innerhalb Deutschlands melden Sie sich einfach am neuen Wohnort an. Die Abmeldung ist frühestens eine Woche vor dem Auszug und spätestens zwei Wochen danach möglich. Sie ist kostenlos, kann auch schriftlich oder durch eine bevollmächtigte Person erfolgen, und Sie erhalten eine Abmeldebestätigung. Bitte geben Sie als Anzahl die Zahl der Personen an, die abgemeldet werden.",
      en: "You only need to deregister if you are moving abroad or giving up a second home; if you move within Germany, simply register at your new place of residence. You can deregister no earlier than one week before moving out and no later than two weeks afterwards. It is free of charge, can also be done in writing or by an authorised representative, and you will receive a confirmation. Please enter the number of people deregistering as the quantity.",
    },
    durationMinutes: 10,
    feeCents: null,
    maxQuantity: 6,
    documents: [
      { document: "id-card-or-passport", scope: "per_person", count: 1 },
      { document: "power-of-attorney", scope: "once_per_visit", count: 1, condition: { de: "Nur wenn eine andere Person für Sie kommt", en: "Only if someone else comes on your behalf" } },
    ],
    forms: ["meldeschein-abmeldung", "vollmacht"],
    offeredAtBranch: true,
  },
  {
    key: "meldebescheinigung",
    category: "meldewesen",
    name: { de: "Meldebescheinigung", en: "Certificate of registration (Meldebescheinigung)" },
    description: {
      de: "Mit einer Meldebescheinigung weisen Sie nach, wo Sie gemeldet sind, z. B. gegenüber einer Bank oder Ihrem Arbeitgeber. Eine erweiterte Meldebescheinigung enthält zusätzlich Angaben wie Staatsangehörigkeit oder Familienstand, etwa für die Anmeldung einer Eheschließung. Direkt nach einer An- oder Ummeldung erhalten Sie ohnehin eine kostenlose Meldebestätigung; dafür brauchen Sie keinen eigenen Termin. Bitte geben Sie als Anzahl die Zahl der benötigten Bescheinigungen an.",
      en: "A certificate of registration proves where you are registered, e.g. to a bank or your employer. An extended certificate also shows details such as nationality or marital status, for example when you give notice of marriage. When you register or change your address, you automatically receive a free confirmation, so you do not need a separate appointment for that. Please enter the number of certificates you need as the quantity.",
    },
    durationMinutes: 5,
    feeCents: 1000,
    feeNote: {
      de: "Für Renten- und Sozialleistungszwecke in der Regel gebührenfrei – bitte einen Nachweis mitbringen, z. B. das Schreiben der Rentenversicherung.",
      en: "Usually free of charge for pension or social benefit purposes – please bring proof, e.g. the letter from the pension insurance.",
    },
    maxQuantity: 5,
    documents: [
      { document: "id-card-or-passport", scope: "once_per_visit", count: 1 },
      { document: "power-of-attorney", scope: "once_per_visit", count: 1, condition: { de: "Nur wenn eine andere Person für Sie kommt", en: "Only if someone else comes on your behalf" } },
    ],
    forms: ["vollmacht"],
    offeredAtBranch: true,
  },

  // --- Kfz-Zulassung ------------------------------------------------------
  {
    key: "fahrzeugzulassung",
    category: "kfz-zulassung",
    name: {
      de: "Fahrzeugzulassung (Neu- oder Gebrauchtfahrzeug)",
      en: "Registering a vehicle (new or used)",
    },
    description: {
      de: "Hier lassen Sie ein Neufahrzeug oder ein zurzeit nicht zugelassenes Gebrauchtfahrzeug auf sich zu. Ist das Fahrzeug noch auf die Vorbesitzerin oder den Vorbesitzer zugelassen, wählen Sie bitte „Umschreibung (Halterwechsel)“. Die Kennzeichenschilder erhalten Sie nach der Zuteilung bei einem Schilderhersteller; ein Wunschkennzeichen können Sie vorab online reservieren. Bitte geben Sie als Anzahl die Zahl der Fahrzeuge an.",
      en: "Use this to register a new vehicle, or a used vehicle that is currently not registered, in your name. If the vehicle is still registered to the previous owner, please choose ‘Change of keeper’ instead. Once a registration number has been assigned, you get the number plates from a plate maker; you can reserve a personalised number online in advance. Please enter the number of vehicles as the quantity.",
    },
    durationMinutes: 20,
    feeCents: 3200,
    feeNote: {
      de: "Zuzüglich der Kennzeichenschilder (beim Schilderhersteller) und gegebenenfalls 12,80 € für ein Wunschkennzeichen.",
      en: "Number plates (from the plate maker) are extra, as is €12.80 for a personalised registration number.",
    },
    maxQuantity: 3,
    documents: [
      { document: "id-card-or-passport", scope: "once_per_visit", count: 1 },
      { document: "evb-number", scope: "per_application", count: 1 },
      { document: "registration-certificate-part-2", scope: "per_application", count: 1 },
      { document: "sepa-mandate-vehicle-tax", scope: "per_application", count: 1 },
      { document: "registration-certificate-part-1", scope: "per_application", count: 1, condition: { de: "Nur wenn das Fahrzeug schon einmal zugelassen war", en: "Only if the vehicle has been registered before" } },
      { document: "inspection-report", scope: "per_application", count: 1, condition: { de: "Nur bei Gebrauchtfahrzeugen", en: "Only for a used vehicle" } },
      { document: "coc-certificate", scope: "per_application", count: 1, condition: { de: "Nur bei Neu- und Importfahrzeugen", en: "Only for a new or imported vehicle" } },
      { document: "power-of-attorney", scope: "once_per_visit", count: 1, condition: { de: "Nur wenn eine andere Person für Sie kommt", en: "Only if someone else comes on your behalf" } },
    ],
    forms: ["sepa-kfz-steuer", "vollmacht"],
    offeredAtBranch: false,
  },
  {
    key: "ausserbetriebsetzung",
    category: "kfz-zulassung",
    name: { de: "Außerbetriebsetzung eines Fahrzeugs", en: "Taking a vehicle off the road (deregistration)" },
    description: {
      de: "Mit der Außerbetriebsetzung, umgangssprachlich „Abmeldung“, legen Sie Ihr Fahrzeug vorübergehend oder endgültig still. Zoll und Versicherung werden automatisch informiert. Eine Vollmacht ist nicht nötig: Es genügt, die Zulassungsbescheinigung Teil I und beide Kennzeichenschilder vorzulegen. Wird das Fahrzeug verschrottet, bringen Sie bitte zusätzlich den Verwertungsnachweis mit.",
      en: "Deregistration takes your vehicle off the road, either temporarily or permanently. Customs (for vehicle tax) and your insurer are informed automatically. No power of attorney is needed: anyone who brings registration certificate Part I and both number plates can do it. If the vehicle is being scrapped, please also bring the certificate of destruction.",
    },
    durationMinutes: 10,
    feeCents: 1200,
    maxQuantity: 3,
    documents: [
      { document: "registration-certificate-part-1", scope: "per_application", count: 1 },
      { document: "licence-plates", scope: "per_application", count: 1 },
      { document: "recycling-certificate", scope: "per_application", count: 1, condition: { de: "Nur wenn das Fahrzeug verschrottet wird", en: "Only if the vehicle is scrapped" } },
    ],
    forms: [],
    offeredAtBranch: false,
  },
  {
    key: "umschreibung",
    category: "kfz-zulassung",
    name: { de: "Umschreibung (Halterwechsel)", en: "Change of keeper (Umschreibung)" },
    description: {
      de: "Haben Sie ein Fahrzeug gekauft oder übernommen, das noch auf die bisherige Halterin oder den bisherigen Halter zugelassen ist, lassen Sie es hier auf sich umschreiben. Die bisherige Halterin oder der bisherige Halter muss dafür nicht mitkommen. Bitte bringen Sie beide Teile der Zulassungsbescheinigung im Original mit; ob Sie das bisherige Kennzeichen behalten können, klären wir im Termin. Bitte geben Sie als Anzahl die Zahl der Fahrzeuge an.",
      en: "If you have bought or taken over a vehicle that is still registered to its previous keeper, you can have it transferred to your name here. The previous keeper does not need to come with you. Please bring both parts of the registration certificate in the original; we will clarify at the appointment whether you can keep the current registration number. Please enter the number of vehicles as the quantity.",
    },
    durationMinutes: 20,
    feeCents: 2800,
    feeNote: {
      de: "Zuzüglich neuer Kennzeichenschilder, falls ein neues Kennzeichen zugeteilt wird.",
      en: "New number plates are extra if a new registration number is assigned.",
    },
    maxQuantity: 3,
    documents: [
      { document: "id-card-or-passport", scope: "once_per_visit", count: 1 },
      { document: "evb-number", scope: "per_application", count: 1 },
      { document: "registration-certificate-part-1", scope: "per_application", count: 1 },
      { document: "registration-certificate-part-2", scope: "per_application", count: 1 },
      { document: "inspection-report", scope: "per_application", count: 1 },
      { document: "sepa-mandate-vehicle-tax", scope: "per_application", count: 1 },
      { document: "licence-plates", scope: "per_application", count: 1, condition: { de: "Nur wenn am Fahrzeug noch Kennzeichen angebracht sind", en: "Only if plates are still fitted to the vehicle" } },
      { document: "power-of-attorney", scope: "once_per_visit", count: 1, condition: { de: "Nur wenn eine andere Person für Sie kommt", en: "Only if someone else comes on your behalf" } },
    ],
    forms: ["sepa-kfz-steuer", "vollmacht"],
    offeredAtBranch: false,
  },

  // --- Weitere Anliegen ---------------------------------------------------
  {
    key: "fuehrungszeugnis",
    category: "weitere-anliegen",
    name: {
      de: "Führungszeugnis beantragen",
      en: "Applying for a certificate of good conduct (Führungszeugnis)",
    },
    description: {
      de: "Das Führungszeugnis stellt das Bundesamt für Justiz aus und schickt es Ihnen in der Regel innerhalb von zwei Wochen per Post; ist es für eine Behörde bestimmt, geht es direkt dorthin. Sie müssen mindestens 14 Jahre alt sein und persönlich erscheinen, eine Vertretung mit Vollmacht ist nicht möglich. Mit der Online-Ausweisfunktion können Sie es auch direkt beim Bundesamt für Justiz beantragen. Bitte geben Sie als Anzahl die Zahl der Personen an; jede Person kommt selbst mit.",
      en: "Certificates of good conduct are issued by the Federal Office of Justice and usually arrive by post within two weeks; if the certificate is for a public authority, it is sent there directly. You must be at least 14 and apply in person; you cannot send a representative. If your ID card's online function is activated, you can also apply directly to the Federal Office of Justice online. Please enter the number of people applying as the quantity; each person must come in person.",
    },
    durationMinutes: 10,
    feeCents: 1300,
    feeNote: {
      de: "Für eine ehrenamtliche Tätigkeit in einer gemeinnützigen Einrichtung kann die Gebühr auf Antrag erlassen werden – bitte eine Bestätigung der Einrichtung mitbringen.",
      en: "The fee can be waived on request for voluntary work with a non-profit organisation – please bring a confirmation from the organisation.",
    },
    maxQuantity: 3,
    documents: [
      { document: "id-card-or-passport", scope: "per_person", count: 1 },
    ],
    forms: [],
    offeredAtBranch: true,
  },
  {
    key: "beglaubigung",
    category: "weitere-anliegen",
    name: {
      de: "Beglaubigung von Kopien und Unterschriften",
      en: "Certification of copies and signatures",
    },
    description: {
      de: "Wir beglaubigen Kopien von Dokumenten, z. B. Zeugnissen, sowie Ihre Unterschrift, wenn sie bei einer Behörde oder einer anderen amtlichen Stelle vorgelegt werden sollen. Bitte bringen Sie die Originale mit und unterschreiben Sie erst vor Ort. Urkunden des Standesamts (z. B. Geburtsurkunden) und Schriftstücke, die notariell beglaubigt werden müssen (z. B. für Grundbuch oder Handelsregister), können wir nicht beglaubigen. Bitte geben Sie als Anzahl die Zahl der Dokumente bzw. Unterschriften an.",
      en: "We certify copies of documents, such as school or work certificates, and your signature if they are to be submitted to a public authority or other official body. Please bring the originals and do not sign anything before your appointment. We cannot certify civil status documents such as birth certificates, or papers that require a notary (e.g. for the land register or commercial register). Please enter the number of documents or signatures as the quantity.",
    },
    durationMinutes: 5,
    feeCents: 500,
    feeNote: {
      de: "5,00 € je Dokument bzw. Unterschrift. Für Renten- und Sozialleistungsangelegenheiten in der Regel gebührenfrei – bitte einen Nachweis mitbringen.",
      en: "€5.00 per document or signature. Usually free of charge for pension or social benefit matters – please bring proof.",
    },
    maxQuantity: 10,
    documents: [
      { document: "id-card-or-passport", scope: "once_per_visit", count: 1 },
      { document: "originals-and-copies", scope: "per_application", count: 1 },
    ],
    forms: [],
    offeredAtBranch: true,
  },
  {
    key: "fundsache",
    category: "weitere-anliegen",
    name: { de: "Fundsache abgeben oder abholen", en: "Handing in or collecting lost property" },
    description: {
      de: "Gefundene Gegenstände können Sie bei uns abgeben; kennen Sie die Eigentümerin oder den Eigentümer nicht, müssen Sie Funde im Wert von mehr als 10 € melden. Als Finderin oder Finder haben Sie Anspruch auf Finderlohn und können die Sache nach sechs Monaten unter Umständen selbst erhalten, wenn sich niemand meldet. Haben Sie etwas verloren, fragen Sie bitte vorher telefonisch nach, ob es abgegeben wurde, und bringen Sie zur Abholung einen Eigentumsnachweis mit.",
      en: "You can hand in items you have found here; if you do not know the owner, finds worth more than €10 must be reported. As the finder, you are entitled to a finder's reward and may be able to keep the item after six months if nobody claims it. If you have lost something, please call us first to check whether it has been handed in, and bring proof of ownership when you collect it.",
    },
    durationMinutes: 10,
    feeCents: null,
    feeNote: {
      de: "Die Abgabe ist kostenlos. Bei der Abholung können eine Verwaltungsgebühr und der Finderlohn anfallen.",
      en: "Handing in is free of charge. When you collect an item, an administrative fee and the finder's reward may be payable.",
    },
    maxQuantity: 1,
    documents: [
      { document: "id-card-or-passport", scope: "once_per_visit", count: 1 },
      { document: "found-item", scope: "once_per_visit", count: 1, condition: { de: "Nur wenn Sie etwas Gefundenes abgeben", en: "Only if you are handing in something you found" } },
      { document: "proof-of-ownership", scope: "once_per_visit", count: 1, condition: { de: "Nur wenn Sie eine verlorene Sache abholen", en: "Only if you are collecting something you lost" } },
    ],
    forms: [],
    offeredAtBranch: true,
  },

  // --- Additional concerns (beyond the core 15) -----------------------------
  {
    key: "erweitertes-fuehrungszeugnis",
    category: "weitere-anliegen",
    name: {
      de: "Erweitertes Führungszeugnis beantragen",
      en: "Applying for an extended certificate of good conduct",
    },
    description: {
      de: "Das erweiterte Führungszeugnis wird vor allem für Tätigkeiten mit Kindern und Jugendlichen verlangt, z. B. in Kita, Schule, Jugendarbeit oder Sportverein. Sie brauchen dafür eine schriftliche Aufforderung der Stelle, die es verlangt. Wie beim einfachen Führungszeugnis müssen Sie persönlich erscheinen, und das Bundesamt für Justiz schickt Ihnen das Zeugnis per Post. Bitte geben Sie als Anzahl die Zahl der Personen an; jede Person kommt selbst mit.",
      en: "An extended certificate of good conduct is mainly required for work with children and young people, e.g. in nurseries, schools, youth work or sports clubs. You need a written request from the organisation asking for it. As with the standard certificate, you must apply in person, and the Federal Office of Justice sends the certificate to you by post. Please enter the number of people applying as the quantity; each person must come in person.",
    },
    durationMinutes: 10,
    feeCents: 1300,
    feeNote: {
      de: "Für eine ehrenamtliche Tätigkeit in einer gemeinnützigen Einrichtung kann die Gebühr auf Antrag erlassen werden – bitte eine Bestätigung der Einrichtung mitbringen.",
      en: "The fee can be waived on request for voluntary work with a non-profit organisation – please bring a confirmation from the organisation.",
    },
    maxQuantity: 3,
    documents: [
      { document: "id-card-or-passport", scope: "per_person", count: 1 },
      { document: "extended-certificate-request", scope: "per_application", count: 1 },
    ],
    forms: [],
    offeredAtBranch: true,
  },
  {
    key: "bewohnerparkausweis",
    category: "weitere-anliegen",
    name: { de: "Bewohnerparkausweis", en: "Residents' parking permit" },
    description: {
      de: "Wohnen Sie mit Hauptwohnsitz in einem Bewohnerparkgebiet, können Sie einen Parkausweis für ein auf Sie zugelassenes oder dauerhaft von Ihnen genutztes Fahrzeug beantragen. Der Ausweis gilt ein Jahr und nur in der angegebenen Zone. Einen Anspruch auf einen freien Parkplatz gibt er nicht.",
      en: "If your main residence is in a residents' parking zone, you can apply for a permit for a vehicle registered in your name or permanently used by you. The permit is valid for one year and only in the zone shown on it. It does not guarantee a free parking space.",
    },
    durationMinutes: 10,
    feeCents: 3000,
    feeNote: { de: "Gebühr für ein Jahr.", en: "Fee for one year." },
    maxQuantity: 1,
    documents: [
      { document: "id-card-or-passport", scope: "once_per_visit", count: 1 },
      { document: "registration-certificate-part-1", scope: "once_per_visit", count: 1 },
      { document: "vehicle-use-proof", scope: "once_per_visit", count: 1, condition: { de: "Nur wenn das Fahrzeug nicht auf Sie zugelassen ist", en: "Only if the vehicle is not registered in your name" } },
    ],
    forms: ["antrag-bewohnerparkausweis"],
    offeredAtBranch: false,
  },
];
