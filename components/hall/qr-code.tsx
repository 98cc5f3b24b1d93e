import QRCode from "qrcode";

/** A QR code drawn on the server as SVG: no script, no image request, prints sharply on a receipt printer. */
export async function QrCode({ text, label, size = 160 }: { text: string; label: string; size?: number }) {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return <div className="qr-code" role="img" aria-label={label} style={{ width: size, height: size }} dangerouslySetInnerHTML={{ __html: svg }} />;
}
