// Vite's `?raw` suffix imports a file's text (assets.ts); vitest and electron-vite both understand it.
declare module '*?raw' {
  const text: string
  export default text
}
