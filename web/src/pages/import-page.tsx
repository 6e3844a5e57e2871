/** Placeholder: replaced by the page's real implementation. */
export function ImportPage() {
  return null;
}
