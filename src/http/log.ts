// What the request log may show of a URL: secrets that travel in addresses (invitation links, the OpenID Connect
// callback's code and state, an upload form's CSRF token) are replaced, so that a log reader cannot use them.
const secretPath = /^(\/[a-z]{2}\/invitation\/)[^/?#]+/;
const secretParams = ["code", "state", "token", "_csrf"];

export function redactUrl(url: string): string {
  const [path = "", query] = url.split(/\?(.*)/s, 2);
  const safePath = path.replace(secretPath, "$1[redacted]");
  if (query === undefined) return safePath;
  const params = new URLSearchParams(query);
  for (const name of secretParams) if (params.has(name)) params.set(name, "[redacted]");
  return `${safePath}?${params.toString()}`;
}

/** Fastify's request serializer, with the URL redacted. */
export function serializeRequest(request: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return { method: request.method, url: redactUrl(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}
