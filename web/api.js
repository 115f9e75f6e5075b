// Shared helpers of the kefu pages: the API key, calls to /api/v1, small DOM building.

const KEY_STORAGE = 'kefu.apiKey';
export const DEMO_KEY = 'kefu-demo-key';

export function apiKey() {
  return localStorage.getItem(KEY_STORAGE) || DEMO_KEY;
}

/** The key field: prefilled with the stored key (the demo key at first), saved on change. */
export function bindKeyField(input, onChange) {
  input.value = apiKey();
  input.addEventListener('change', () => {
    localStorage.setItem(KEY_STORAGE, input.value.trim());
    onChange?.();
  });
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** A call to /api/v1 with the key; a failure throws with the server's Chinese message. */
export async function api(path, { method, body } = {}) {
  const headers = { authorization: `Bearer ${apiKey()}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络');
  }
  if (!res.ok) {
    let message = `请求失败（${res.status}）`;
    try {
      message = (await res.json()).error?.message ?? message;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(res.status, message);
  }
  return res;
}

export async function apiJson(path, options) {
  return (await api(path, options)).json();
}

/** The file name of a download: the UTF-8 `filename*` (RFC 5987) when given, else `filename`. */
export function fileNameFrom(contentDisposition, fallback) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(contentDisposition ?? '');
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(contentDisposition ?? '');
  return plain ? plain[1] : fallback;
}

/** Downloads an API file (the key goes in a header, so a plain link cannot fetch it). */
export async function download(path, fallbackName) {
  const res = await api(path);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: fileNameFrom(res.headers.get('content-disposition'), fallbackName) });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Builds an element; children are nodes or text (never parsed as HTML). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((c) => c !== undefined && c !== null && c !== false));
  return node;
}

/** A short status line at the bottom of the page (errors in red). */
export function status(message, kind = 'info') {
  const box = document.getElementById('status');
  if (!box) return;
  box.textContent = message;
  box.dataset.kind = kind;
}

export function reportError(err) {
  status(err instanceof Error ? err.message : String(err), 'error');
}

/** "14:30" today, "11/20 14:30" otherwise, in the shop's zone. */
export function shortTime(iso, timeZone = 'Asia/Shanghai') {
  const d = new Date(iso);
  const opts = { timeZone, hour: '2-digit', minute: '2-digit', hour12: false };
  const day = (x) => x.toLocaleDateString('zh-CN', { timeZone });
  if (day(d) === day(new Date())) return d.toLocaleTimeString('zh-CN', opts);
  return d.toLocaleString('zh-CN', { ...opts, month: '2-digit', day: '2-digit' });
}
