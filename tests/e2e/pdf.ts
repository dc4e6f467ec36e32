/**
 * What a printed page says, read back from the PDF Chromium prints (Playwright's `page.pdf`) with
 * pdfjs-dist, for the end-to-end tests of posters, slips and reports. Its own module so that only
 * the tests that print load pdfjs.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of every page of a PDF (`bytes`, the whole file), runs of white space made one space,
 * and the page count.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await getDocument({ data: bytes }).promise;
  const texts: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { pages: pdf.numPages, text: texts.join('\n').replace(/\s+/g, ' ') };
}
