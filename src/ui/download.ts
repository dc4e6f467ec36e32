/**
 * Hands `content` to the browser's downloads as a file named `name`, from memory: a Blob (which
 * encodes text as UTF-8, a byte-order mark at its start included) of media type `type`, through an
 * object URL clicked on a link that lives only for the click. The one way a screen gives a person
 * a file: an export, a household's own data, the dashboard's CSV.
 */
export function downloadFile(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download starts with the click, but some browsers read the URL after click() returns:
  // it is released a minute later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
