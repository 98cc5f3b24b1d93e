// Makes the app's icons from app/icon.svg, in the repository and without any external service:
//   app/favicon.ico     16, 32 and 48 px (PNG images in an ICO container), so /favicon.ico answers
//   app/apple-icon.png  180 px, for home-screen bookmarks
// Next.js serves app/icon.svg itself and links all three from every page (file conventions of the App Router).
// Run after changing the SVG: `npm run icons`, then commit the results. sharp comes with Next.js (image optimisation).
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "app");
const svg = await readFile(path.join(app, "icon.svg"));
const png = (size) => sharp(svg, { density: 72 * (size / 64) * 4 }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();

/** An ICO file whose images are PNGs (allowed since Windows Vista, read by every current browser). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

const icoSizes = [16, 32, 48];
const icoImages = await Promise.all(icoSizes.map(async (size) => ({ size, data: await png(size) })));
await writeFile(path.join(app, "favicon.ico"), ico(icoImages));
await writeFile(path.join(app, "apple-icon.png"), await png(180));
console.log("wrote app/favicon.ico (16, 32, 48 px) and app/apple-icon.png (180 px)");
