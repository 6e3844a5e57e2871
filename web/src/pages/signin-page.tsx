/** Placeholder: replaced by the page's real implementation. */
export function SignInPage() {
  return null;
}
