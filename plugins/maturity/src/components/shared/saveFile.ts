/** Hands a fetched file to the browser's download, under its name. */
export function saveFile(blob: Blob, filename: string) {
  // A link is the only way to hand a fetched file to the browser's download.
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking in the same tick can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
