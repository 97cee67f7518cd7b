import { describe, expect, it } from 'vitest'
import { hashPassword, PASSWORD_COST, verifyPassword } from '../../../electron/collector/web/password'
import { html, jsonIsland } from '../../../electron/collector/web/html'

describe('dashboard passwords', () => {
  it('hash with the stated scrypt cost, verify the same password only', async () => {
    const stored = await hashPassword('Mật khẩu đủ dài 1')
    expect(stored.startsWith(`scrypt$${PASSWORD_COST.N}$8$1$`)).toBe(true)
    expect(await verifyPassword('Mật khẩu đủ dài 1', stored)).toBe(true)
    expect(await verifyPassword('Mật khẩu đủ dài 2', stored)).toBe(false)
  })

  it('the same password hashes differently each time (salted), and a damaged hash never matches', async () => {
    const cheap = { N: 1024, r: 8, p: 1 }
    const a = await hashPassword('abc', cheap)
    expect(a).not.toBe(await hashPassword('abc', cheap))
    expect(await verifyPassword('abc', a.slice(0, -1))).toBe(false)
    expect(await verifyPassword('abc', '')).toBe(false)
  })

  it('NFC and NFD spellings of a Vietnamese password are the same password', async () => {
    const stored = await hashPassword('Huế'.normalize('NFD'), { N: 1024, r: 8, p: 1 })
    expect(await verifyPassword('Huế'.normalize('NFC'), stored)).toBe(true)
  })
})

describe('html escaping', () => {
  it('escapes interpolated text but not nested fragments', () => {
    const name = '<img src=x onerror=alert(1)>'
    expect(html`<p>${name}</p>`.text).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>')
    expect(html`<div>${html`<b>${'&'}</b>`}</div>`.text).toBe('<div><b>&amp;</b></div>')
  })

  it('a JSON island cannot close its script element', () => {
    const island = jsonIsland('d', { s: '</script><script>alert(1)</script>' }).text
    expect(island.match(/<\/script>/g)).toHaveLength(1)
    expect(JSON.parse(island.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, ''))).toEqual({
      s: '</script><script>alert(1)</script>',
    })
  })
})
