import QRCode from 'qrcode';

// The QR code is drawn here, in the coordinator's browser, from the page's own origin: that is
// the address residents' phones will reach, whatever proxy or host name is in front of the server.

/** The address a resident's phone opens: the server answers it with resident.html. */
export function residentLink(origin: string, token: string): string {
  return `${origin.replace(/\/$/, '')}/r/${encodeURIComponent(token)}`;
}

/** Medium error correction survives a creased or slightly dirty notice-board print. */
export const QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 2 } as const;

/** An SVG QR code for the link, as a data URL an <img> can show (the CSP allows data: images). */
export async function qrDataUrl(link: string): Promise<string> {
  const svg = await QRCode.toString(link, QR_OPTIONS);
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
