/** Placeholder: replaced by the page's real implementation. */
export function HistoryPage() {
  return null;
}
