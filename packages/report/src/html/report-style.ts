/** The report's inline stylesheet: system fonts, readable tables, a responsive grid of plots, print-friendly. */
export const REPORT_STYLE = `
:root { color-scheme: light; --fg: #1d2329; --muted: #5b6670; --line: #d8dde2; --bg-alt: #f5f7f9; --accent: #1f77b4; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
header { padding: 18px 28px; border-bottom: 3px solid var(--accent); background: var(--bg-alt); }
h1 { margin: 0; font-size: 22px; }
h2 { font-size: 18px; margin: 26px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
main { padding: 0 28px 28px; max-width: 1400px; }
table { border-collapse: collapse; font-size: 14px; }
th, td { padding: 4px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th[scope=row] { font-weight: normal; color: var(--muted); font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
thead th { background: var(--bg-alt); }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.noerr { color: var(--muted); font-size: 12px; }
.empty { color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 18px; }
figure.plot { margin: 0; padding: 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 6px; }
figure.plot svg { display: block; max-width: 100%; height: auto; }
.files { margin: 4px 0 0; font-size: 12px; color: var(--muted); }
.files a { color: var(--accent); }
footer { padding: 12px 28px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
@media print { .files { display: none; } .grid { display: block; } figure.plot { margin-bottom: 12px; } }
`;
