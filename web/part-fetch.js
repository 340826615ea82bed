// The `fetch` of wasm-split-cli's loader of the wasm parts that load later (pkg/__wasm_split.js):
// each part is fetched with the digest of this build's part (Subresource Integrity), so a part
// that is not this build's (patched, swapped, or of another release, for a tab opened before it)
// is refused as a failed download, with the part's message and Retry, rather than instantiated
// into the widget's memory. scripts/bundle-js.mjs bundles it with that loader, whose table of
// parts it writes as `part(new URL('./pkg/split_details.wasm', import.meta.url), 'sha256-…')`:
// the literal URL is the form a portal's bundler finds, copies and renames (with a hash of its
// own), and the digest goes beside it, since the name the part ends up with cannot say which
// part it is.

/** The digest of each part of this build, by the URL the part is fetched from. @type {Map<string, string>} */
const digests = new Map();

/**
 * Notes `url` as the URL of a part of this build whose content has the digest `integrity`.
 * @param {URL} url
 * @param {string} integrity `sha256-<base64>`
 * @returns {URL} `url`
 */
export function part(url, integrity) {
  digests.set(url.href, integrity);
  return url;
}

/**
 * Fetches a part noted by `part`, checked against its digest; any other URL is refused.
 * @param {URL | string} url
 * @returns {Promise<Response>}
 */
export function fetchPart(url) {
  const href = String(url);
  const integrity = digests.get(href);
  if (!integrity) return Promise.reject(new Error(`missing-kbs: ${href} is not a part of this build`));
  return href.startsWith('data:') ? inlinedPart(href, integrity) : fetch(href, { integrity });
}

/**
 * A part that a portal's bundler inlined into its own code as a `data:` URL (Vite does so for
 * files under 4 KB): read from the URL itself, not fetched, since a strict Content Security
 * Policy's `connect-src` refuses a fetch of `data:`. Its digest is checked as the browser checks a
 * fetched part's. Outside a secure context the browser has no `crypto.subtle`; the bytes then go
 * unchecked, but they came in the same file of code as their digest, so nothing could have
 * swapped one without the other.
 * @param {string} href
 * @param {string} integrity `sha256-<base64>`
 * @returns {Promise<Response>}
 */
async function inlinedPart(href, integrity) {
  const bytes = dataUrlBytes(href);
  if (globalThis.crypto?.subtle) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    if (`sha256-${btoa(String.fromCharCode(...digest))}` !== integrity) {
      // What fetch rejects with when a download does not match its integrity.
      throw new TypeError(`missing-kbs: the part inlined as ${href.slice(0, 40)}… is not this build's`);
    }
  }
  return new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } });
}

/**
 * The bytes of a base64 `data:` URL, the form bundlers inline binary files in.
 * @param {string} href
 */
function dataUrlBytes(href) {
  const comma = href.indexOf(',');
  if (comma < 0 || !href.slice(0, comma).endsWith(';base64')) {
    throw new TypeError(`missing-kbs: a part inlined as ${href.slice(0, 40)}… is not in base64`);
  }
  const binary = atob(decodeURIComponent(href.slice(comma + 1)));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
