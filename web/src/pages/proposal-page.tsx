/** Placeholder: replaced by the page's real implementation. */
export function ProposalPage() {
  return null;
}
