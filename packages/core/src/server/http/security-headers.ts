/**
 * Headers every answer carries. `nosniff` stops a browser from guessing a type other than the
 * one sent (a video or JSON body must never run as HTML or script).
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = { 'X-Content-Type-Options': 'nosniff' };

/** The response with the security headers set (copied when its headers cannot be changed). */
export function withSecurityHeaders(response: Response): Response {
  try {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
    return response;
  } catch {
    // Headers of a fetched response are immutable: answer with a copy.
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
