/** Placeholder: replaced by the page's real implementation. */
export function WorkspacePage() {
  return null;
}
