/** Binary API responses (PDFs, uploaded files) fetched with the session, CSRF and tenant headers a plain link
 * could not send, handed to the browser as an object URL. */
import { apiFetch, apiRequest } from '@/api/http';
import { errorFromResponse } from '@/api/errors';

export async function fetchBlob(path: string): Promise<Blob> {
  const response = await apiFetch(apiRequest(path, { headers: { Accept: 'application/pdf, application/octet-stream, */*' } }));
  if (!response.ok) throw await errorFromResponse(response);
  return response.blob();
}

/** Opens the PDF in a new tab (the browser's viewer offers download and print). */
export async function openPdf(path: string, filename: string): Promise<void> {
  const blob = await fetchBlob(path);
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.target = '_blank';
  link.rel = 'noopener';
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
