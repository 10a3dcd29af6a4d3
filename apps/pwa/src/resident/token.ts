/** The QR link's token from the page's path, `/r/<token>`; null when the path has none. */
export function tokenFromPath(pathname: string): string | null {
  const match = /^\/r\/([^/?#]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
