const MAX_SIDE = 600

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'))
    reader.readAsDataURL(file)
  })
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('not an image'))
    image.src = src
  })
}

/**
 * A photo picked from disk, scaled down to at most 600 px and re-encoded as JPEG on a canvas: a 10 MB camera
 * photo becomes ~60 KB, and whatever the file held besides pixels (EXIF, location) is dropped. A `data:` URL,
 * not a `blob:` one, because the CSP allows only `'self' data:` images.
 */
export async function resizePhoto(file: File): Promise<{ type: 'image/jpeg'; base64: string; preview: string }> {
  const image = await loadImage(await readAsDataUrl(file))
  const scale = Math.min(1, MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
  const context = canvas.getContext('2d')
  if (context === null) throw new Error('no canvas')
  context.fillStyle = '#ffffff' // transparent PNGs get a white background, not black
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.drawImage(image, 0, 0, canvas.width, canvas.height)
  const preview = canvas.toDataURL('image/jpeg', 0.85)
  return { type: 'image/jpeg', base64: preview.slice(preview.indexOf(',') + 1), preview }
}
