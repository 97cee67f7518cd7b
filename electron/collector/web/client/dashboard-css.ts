/** The dashboard's only stylesheet. Colours keep 4.5:1 contrast on white (WCAG AA); no inline styles (CSP). */
export const DASHBOARD_CSS = `
:root { font-family: system-ui, 'Segoe UI', Roboto, sans-serif; color: #1b1b1b; background: #fff; line-height: 1.45; }
body { margin: 0; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem; }
.skip:focus { left: 0.5rem; }
header { background: #0b3d75; color: #fff; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
header a, header button { color: #fff; }
header .brand { font-weight: 700; margin: 0; }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
header nav a[aria-current='page'] { font-weight: 700; text-decoration-thickness: 3px; }
.who { display: flex; gap: 0.75rem; align-items: center; margin-left: auto; }
.who form { margin: 0; }
.who button { background: transparent; border: 1px solid #fff; padding: 0.2rem 0.6rem; cursor: pointer; }
main { padding: 1rem 1.5rem; max-width: 80rem; }
table { border-collapse: collapse; margin: 1rem 0 1.5rem; min-width: 40%; }
caption { text-align: left; font-weight: 700; padding: 0.25rem 0; }
th, td { border: 1px solid #c4c7cc; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
form.period, form.login, form.add-user, section form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin: 0.5rem 0; }
label { display: flex; flex-direction: column; font-size: 0.95rem; }
input, select, button { font: inherit; padding: 0.3rem 0.5rem; }
main button { background: #0b5cad; color: #fff; border: 0; border-radius: 4px; padding: 0.4rem 0.9rem; cursor: pointer; }
.chart { position: relative; height: 18rem; max-width: 60rem; }
.ok { color: #1e6b30; }
.bad, .error { color: #a3221b; }
.notice { background: #e8f3ea; padding: 0.5rem; }
.exports { display: flex; gap: 1.5rem; }
code { font-size: 0.85em; }
`
