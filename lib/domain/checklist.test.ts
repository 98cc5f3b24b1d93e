import { describe, expect, it } from "vitest";
import { mergeChecklist, totalFeeCents, type ChecklistSource } from "./checklist";

const PASSPORT = 1;
const ID_CARD = 2;
const REGISTRATION = 3;

const passport = (quantity: number): ChecklistSource => ({
  concernId: PASSPORT,
  quantity,
  documents: [
    { key: "photo", perItem: true, count: 1 },
    { key: "old-document", perItem: true, count: 1 },
    { key: "own-id", perItem: false, count: 1 },
  ],
});
const idCard = (quantity: number): ChecklistSource => ({
  concernId: ID_CARD,
  quantity,
  documents: [
    { key: "photo", perItem: true, count: 1 },
    { key: "own-id", perItem: false, count: 1 },
  ],
});
const registration: ChecklistSource = {
  concernId: REGISTRATION,
  quantity: 2,
  documents: [
    { key: "landlord-confirmation", perItem: false, count: 1 },
    { key: "own-id", perItem: true, count: 1 },
  ],
};

describe("documents checklist", () => {
  it.each([
    {
      name: "one concern lists its documents once each",
      sources: [passport(1)],
      expected: [
        { key: "photo", quantity: 1, concernIds: [PASSPORT] },
        { key: "old-document", quantity: 1, concernIds: [PASSPORT] },
        { key: "own-id", quantity: 1, concernIds: [PASSPORT] },
      ],
    },
    {
      name: "per-item documents multiply with the quantity (2 passports → 2 photos)",
      sources: [passport(2)],
      expected: [
        { key: "photo", quantity: 2, concernIds: [PASSPORT] },
        { key: "old-document", quantity: 2, concernIds: [PASSPORT] },
        { key: "own-id", quantity: 1, concernIds: [PASSPORT] },
      ],
    },
    {
      name: "shared documents are merged: photos add up, the own ID is brought once",
      sources: [passport(2), idCard(1)],
      expected: [
        { key: "photo", quantity: 3, concernIds: [PASSPORT, ID_CARD] },
        { key: "old-document", quantity: 2, concernIds: [PASSPORT] },
        { key: "own-id", quantity: 1, concernIds: [PASSPORT, ID_CARD] },
      ],
    },
    {
      name: "a per-item need outweighs a once-per-appointment one for the same document",
      sources: [idCard(1), registration],
      expected: [
        { key: "photo", quantity: 1, concernIds: [ID_CARD] },
        { key: "own-id", quantity: 2, concernIds: [ID_CARD, REGISTRATION] },
        { key: "landlord-confirmation", quantity: 1, concernIds: [REGISTRATION] },
      ],
    },
    { name: "nothing chosen, nothing to bring", sources: [], expected: [] },
  ])("$name", ({ sources, expected }) => {
    expect(mergeChecklist(sources)).toEqual(expected);
  });
});

describe("total fee", () => {
  it.each([
    { items: [{ quantity: 2, feeCents: 7000 }, { quantity: 1, feeCents: 3700 }], expected: 17700 },
    { items: [{ quantity: 1, feeCents: null }, { quantity: 3, feeCents: 500 }], expected: 1500 },
    { items: [{ quantity: 1, feeCents: null }, { quantity: 1, feeCents: 0 }], expected: null },
  ])("$expected", ({ items, expected }) => {
    expect(totalFeeCents(items)).toBe(expected);
  });
});
