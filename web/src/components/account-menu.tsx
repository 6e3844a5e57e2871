/** Placeholder: the header's sign-in link or the signed-in user's menu. */
export function AccountMenu() {
  return null;
}
