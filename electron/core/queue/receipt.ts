import QRCode from 'qrcode'

/**
 * The printed ticket: a self-contained HTML page for a 58 or 80 mm thermal receipt printer. No scripts, no
 * external resources (the print window runs with JavaScript off and loads nothing else), text in Vietnamese with
 * its diacritics in NFC, and a QR code carrying the ticket's uid so the citizen can rate the service later.
 */
export interface ReceiptData {
  centreName: string
  fieldName: string
  code: string
  uid: string
  priorityLabel: string | null
  issuedAt: number
  timeZone: string
  peopleAhead: number
  estimatedWaitMinutes: number | null
  paperWidthMm: 58 | 80
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.normalize('NFC').replace(/[&<>"']/g, (c) => escapes[c] ?? c)
}

export async function renderReceipt(d: ReceiptData): Promise<string> {
  const qr = await QRCode.toString(d.uid, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
  const issued = new Intl.DateTimeFormat('vi-VN', {
    timeZone: d.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(d.issuedAt))
  // Printable width: the paper minus the printer's unprintable margins (about 4 mm on each side).
  const width = d.paperWidthMm - 8
  const wait =
    d.estimatedWaitMinutes === null ? '' : `<p>Thời gian chờ dự kiến: khoảng ${d.estimatedWaitMinutes} phút</p>`
  const priority = d.priorityLabel === null ? '' : `<p class="priority">Ưu tiên: ${escapeHtml(d.priorityLabel)}</p>`
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(d.code)}</title>
<style>
@page { size: ${d.paperWidthMm}mm auto; margin: 0 }
body { width: ${width}mm; margin: 2mm 4mm; font-family: 'Be Vietnam Pro', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif;
  font-size: ${d.paperWidthMm === 58 ? 9 : 11}pt; text-align: center; color: #000 }
h1 { font-size: 1em; margin: 0 0 2mm } .field { margin: 0 } .code { font-size: 3.2em; font-weight: 700; margin: 1mm 0 }
p { margin: 0.6mm 0 } .priority { font-weight: 700 } .qr { width: ${Math.min(width, 36)}mm; margin: 2mm auto 0 }
.qr svg { width: 100%; height: auto; display: block } .hint { font-size: 0.85em }
</style></head>
<body>
<h1>${escapeHtml(d.centreName)}</h1>
<p class="field">${escapeHtml(d.fieldName)}</p>
<p class="code">${escapeHtml(d.code)}</p>
${priority}
<p>Số người đang chờ trước quý khách: ${d.peopleAhead}</p>
${wait}
<p>${escapeHtml(issued)}</p>
<div class="qr">${qr}</div>
<p class="hint">Quét mã để đánh giá mức độ hài lòng sau khi được phục vụ.</p>
</body></html>`
}
