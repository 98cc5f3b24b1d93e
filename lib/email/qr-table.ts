import QRCode from "qrcode";

/**
 * A QR code as an HTML table of dark and light cells. Mail programs show it without loading an image (blocked by
 * default in many, and a remote image would tell a server when the mail was opened); printed, it scans like any code.
 */
export function qrCodeTable(text: string, label: string, cellPixels = 5): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = 2;
  const size = modules.size + quiet * 2;
  const cell = (dark: boolean) => `<td style="width:${cellPixels}px;height:${cellPixels}px;padding:0;background:${dark ? "#000000" : "#ffffff"}"></td>`;
  const rows: string[] = [];
  for (let y = 0; y < size; y++) {
    const cells: string[] = [];
    for (let x = 0; x < size; x++) {
      const inside = x >= quiet && y >= quiet && x < size - quiet && y < size - quiet;
      cells.push(cell(inside && modules.get(y - quiet, x - quiet) === 1));
    }
    rows.push(`<tr>${cells.join("")}</tr>`);
  }
  return `<table role="img" aria-label="${label.replace(/"/g, "&quot;")}" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:8px 0">${rows.join("")}</table>`;
}
