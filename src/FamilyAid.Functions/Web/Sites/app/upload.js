// A document's way up: a large photo is drawn again at most MAX_SIDE pixels long as a JPEG (phones take 12-megapixel
// pictures; the agency needs a readable card, and the API caps a document's size), then sent with XMLHttpRequest,
// which reports upload progress where fetch does not.
import { apiBase, ApiProblem, authorization, signOut } from './shared/session.js';

const MAX_SIDE = 1280;
const KEEP_BYTES = 512 * 1024;

/** The bytes to send for a chosen file: { blob, type, from?, to? } (from/to: the sizes when it was downscaled). */
export async function prepare(file) {
  if (!file.type.startsWith('image/')) return { blob: file, type: file.type || 'application/octet-stream' };
  const bitmap = await createImageBitmap(file);
  const { width, height } = bitmap;
  const longest = Math.max(width, height);
  const sendable = file.type === 'image/jpeg' || file.type === 'image/png';
  if (sendable && longest <= MAX_SIDE && file.size <= KEEP_BYTES) {
    bitmap.close();
    return { blob: file, type: file.type };
  }
  const scale = Math.min(1, MAX_SIDE / longest);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff'; // a transparent PNG would turn black as a JPEG
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  return { blob, type: 'image/jpeg', from: `${width}×${height}`, to: `${canvas.width}×${canvas.height}` };
}

/** PUTs the bytes to the API path, calling onProgress(0-100); resolves the JSON answer, rejects an ApiProblem. */
export function put(path, blob, type, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', new URL(path, apiBase));
    request.setRequestHeader('Authorization', authorization());
    request.setRequestHeader('Content-Type', type);
    request.upload.addEventListener('progress', e => { if (e.lengthComputable) onProgress(Math.round(100 * e.loaded / e.total)); });
    request.addEventListener('load', () => {
      let body = null;
      try { body = request.responseText ? JSON.parse(request.responseText) : null; } catch { body = null; }
      if (request.status === 401) signOut('expired');
      if (request.status >= 200 && request.status < 300) resolve(body);
      else reject(new ApiProblem(request.status, body));
    });
    // A dropped connection has no answer to explain: the page's generic sentence says so.
    request.addEventListener('error', () => reject(new ApiProblem(0, null)));
    request.send(blob);
  });
}
